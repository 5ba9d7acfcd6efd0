import { api } from '../../lib/api/http.js';
import { adminToken } from '../../lib/auth/admin-token.js';

/** An API call from the console: the session cookie, or the bootstrap token during first set-up. */
export function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  return api<T>(method, path, body, adminToken());
}
