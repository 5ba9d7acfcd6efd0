import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../../common/domain-error.js';
import { PrincipalResolver } from './principals.js';
import { ACCESS_KEY, type AccessGrant, type AuthedRequest } from '../../common/access.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every REST handler is for managers unless `@Access` grants more. The caller is resolved from a
 * bearer token or, failing that, the session cookie; a cookie-authenticated change must come from
 * the server's own origin (with SameSite=Strict cookies, a second lock against cross-site requests).
 * Every refusal is logged.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Sockets are authenticated once, at the handshake (see LiveGateway); their messages change nothing.
    if (context.getType() !== 'http') return true;
    const grants =
      this.reflector.getAllAndOverride<AccessGrant[] | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const bearer = bearerToken(req.headers.authorization);
    const resolving = bearer !== undefined ? this.principals.fromBearer(bearer) : this.principals.fromCookie(req.headers.cookie);
    // A public route (liveness, readiness, metrics with its scrape token) answers even when the
    // database that keeps sessions and named tokens does not; anywhere else that is a 503.
    const who = grants.includes('public') ? await resolving.catch(() => null) : await resolving;
    if (who) req.principal = who;
    if (grants.includes('public')) return true;
    if (!who) {
      this.log.warn(
        `refused ${req.method} ${req.path} from ${req.ip}: ${bearer !== undefined ? 'unknown or revoked token' : 'not signed in'}`,
      );
      throw new DomainError('unauthenticated', 'Sign in or send a valid bearer token', [
        {
          index: 0,
          field: 'authorization',
          reason: bearer !== undefined ? 'unknown or revoked bearer token' : 'no session and no bearer token',
        },
      ]).withCode('auth.required');
    }
    if (who.via === 'session' && !SAFE_METHODS.has(req.method) && !sameOrigin(req)) {
      this.log.warn(
        `refused ${req.method} ${req.path} from ${req.ip}: cross-site request with a session cookie (origin ${req.headers.origin})`,
      );
      throw new DomainError('forbidden', 'Cross-site request refused', [
        { index: 0, field: 'origin', reason: 'must be this server' },
      ]).withCode('auth.cross_site');
    }
    if (who.role === 'manager' || grants.includes(who.role)) return true;
    this.log.warn(`refused ${req.method} ${req.path} from ${req.ip}: ${who.role} "${who.id}" may not do this`);
    throw new DomainError('forbidden', `A ${who.role} may not do this`, [
      { index: 0, field: 'authorization', reason: `needs ${['manager', ...grants].join(' or ')}` },
    ]).withCode('auth.forbidden');
  }
}

/** The token of an `Authorization: Bearer …` header; undefined when there is no such header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? '';
}

function sameOrigin(req: Request): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return true; // not a browser's cross-site request: browsers send Origin on every unsafe one
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
