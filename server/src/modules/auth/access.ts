import { SetMetadata } from '@nestjs/common';
import type { AccessRole, Locale } from '@conveyor/shared';

/** Roles besides `manager` (always allowed) that may call a handler, or `public` for anyone. */
export type AccessGrant = Exclude<AccessRole, 'manager'> | 'public';

export const ACCESS_KEY = 'conveyor:access';

/**
 * Marks who may call a handler besides managers; without it, a handler is for managers only.
 * `@Access('public')` opens it to anyone.
 */
export const Access = (...grants: AccessGrant[]) => SetMetadata(ACCESS_KEY, grants);

/** Screens, phones and people who read: the usual grant for GET handlers. */
export const READERS: AccessGrant[] = ['employee', 'display'];

/** Who a request or socket comes from, resolved once from a bearer token or a session cookie. */
export interface Principal {
  role: AccessRole;
  /** Account id, employee id, token id, or `bootstrap` / `default-screen` for the configured tokens. */
  id: string;
  name: string;
  locale: Locale | null;
  via: 'token' | 'session';
  /** The session or API token behind it, so revoking it can close live sockets. */
  credentialId: string;
}
