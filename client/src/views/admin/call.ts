import { api, errorText } from '../../lib/api/http.js';
import { adminToken } from '../../lib/auth/admin-token.js';

/** An API call from the console: the session cookie, or the bootstrap token during first set-up. */
export function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  return api<T>(method, path, body, adminToken());
}

/** Where a console part puts its problem line; `null` clears it. */
export type Report = (problem: string | null) => void;

/**
 * A console page's way to change something: clear the page's problem, do it, reload the page's
 * data; a refusal becomes the page's problem line ("field: reason"), and the data is reloaded
 * too, so a select or field that showed the refused value shows the stored one again.
 */
export function actions(load: () => Promise<void>, report: Report): (work: () => Promise<unknown>) => Promise<void> {
  return async (work) => {
    report(null);
    try {
      await work();
      await load();
    } catch (error) {
      report(errorText(error));
      await load().catch(() => undefined);
    }
  };
}
