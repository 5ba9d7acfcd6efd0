import type { AuditSubject } from '@conveyor/shared';

type Names = { employee: (id: string) => string | undefined; team: (id: string) => string | undefined };

const KINDS: Record<string, Exclude<AuditSubject['kind'], 'event'>> = {
  employee: 'employee',
  team: 'team',
  target: 'team',
  account: 'account',
  token: 'token',
  reward: 'reward',
  grant: 'reward',
  integration: 'integration',
  period: 'period',
};

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const money = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * What an audit entry was about, named as data, from what the log kept: the target id, the state
 * before and the answer after. People and triads are named as they are called now.
 */
export function auditSubject(action: string, target: string | null, before: unknown, after: unknown, names: Names): AuditSubject | null {
  const was = record(before);
  const now = record(after);
  if (action === 'event.void') {
    const id = target ?? text(now.id);
    if (id === null) return null;
    return {
      kind: 'event',
      id,
      type: text(was.type),
      employeeName: text(was.employeeName),
      clientName: text(was.clientName),
      amount: money(was.amount),
      currency: text(was.currency),
    };
  }
  const kind = KINDS[action.split('.')[0] ?? ''];
  if (!kind) return null;
  const id = target ?? text(now.id) ?? text(now.employeeId) ?? text(was.id);
  if (kind === 'period') return { kind, id, name: id };
  const known = id === null ? undefined : kind === 'employee' ? names.employee(id) : kind === 'team' ? names.team(id) : undefined;
  const grantee = action.startsWith('grant.') ? text(now.subjectName) : null;
  const name = known ?? grantee ?? text(now.name) ?? text(now.title) ?? text(was.name) ?? text(was.title);
  return { kind, id, name };
}

/** The reason the manager gave, where the action takes one (a void's, kept in its answer). */
export function auditReason(action: string, after: unknown): string | null {
  return action === 'event.void' ? text(record(after).reason) : null;
}
