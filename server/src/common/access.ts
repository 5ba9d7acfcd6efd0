import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
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

/** An HTTP request once the guard resolved its caller. */
export type AuthedRequest = Request & { principal?: Principal };

/** The caller resolved by the guard (undefined only on public handlers). */
export const Caller = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined => ctx.switchToHttp().getRequest<AuthedRequest>().principal,
);

export interface AuditSpec {
  /** e.g. `employee.update`. */
  action: string;
  /** What the action was about; default: the `id` or `key` path parameter. */
  target?: (req: AuthedRequest) => string | null;
  /** The state before, read with the room's own service (errors count as "nothing"). */
  before?: (ref: ModuleRef, req: AuthedRequest) => Promise<unknown>;
  /** What of the answer to keep (default: all of it, secrets redacted by field name). */
  after?: (result: unknown) => unknown;
}

export const AUDIT_KEY = 'conveyor:audit';

/** Records a manager action in the audit log: who, when, what, before and after. */
export const Audit = (spec: AuditSpec) => SetMetadata(AUDIT_KEY, spec);
