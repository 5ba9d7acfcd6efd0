import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Clock } from '../../common/clock.js';
import { AuditLog } from './audit.log.js';
import { AUDIT_KEY, type AuditSpec, type AuthedRequest } from '../../common/access.js';

/** Fields never written to the log. */
const SECRET = /^(token|code|password|passwordHash)$/;

/**
 * Writes the audit entry after the action succeeded and before the answer goes out: an
 * acknowledged action is always in the log. Refused actions are logged by the guard instead.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly log = new Logger('Audit');

  constructor(
    private readonly reflector: Reflector,
    private readonly ref: ModuleRef,
    private readonly auditLog: AuditLog,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = context.getType() === 'http' ? this.reflector.get<AuditSpec | undefined>(AUDIT_KEY, context.getHandler()) : undefined;
    if (!spec) return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    return from(
      (async () => {
        const before: unknown = spec.before ? await spec.before(this.ref, req).catch(() => null) : null;
        const after: unknown = await lastValueFrom<unknown, undefined>(next.handle(), { defaultValue: undefined });
        const who = req.principal;
        const params = req.params as Record<string, string | undefined>;
        const kept = spec.after && after !== undefined ? spec.after(after) : after;
        // Written after the action's own commit and before the answer goes out. Should this write
        // fail, the action stands (it is committed) and the failure is logged for an operator.
        const entry = {
          at: this.clock.now().toISOString(),
          actorRole: who?.role ?? 'anonymous',
          actorId: who?.id ?? '-',
          actorName: who?.name ?? '-',
          action: spec.action,
          target: spec.target ? spec.target(req) : (params.id ?? params.key ?? null),
          before: before == null ? null : JSON.stringify(redact(before)),
          after: kept === undefined ? null : JSON.stringify(redact(kept)),
        };
        await this.auditLog
          .append(entry)
          .catch((error: unknown) => this.log.error(`audit entry for ${spec.action} by ${entry.actorId} not written: ${String(error)}`));
        return after;
      })(),
    );
  }
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? '(secret)' : redact(v)]));
  return value;
}
