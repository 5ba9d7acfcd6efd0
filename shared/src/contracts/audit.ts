/**
 * Every action the audit log records (`@Audit({ action })` on the server). A screen says each as a
 * sentence by its code; a spec checks that every code the server writes is listed here.
 */
export const AUDIT_ACTIONS = [
  'account.create',
  'account.update',
  'token.create',
  'token.revoke',
  'employee.create',
  'employee.update',
  'employee.invite',
  'employee.sign-out',
  'employee.photo',
  'employee.photo.remove',
  'team.create',
  'team.update',
  'team.photo',
  'team.photo.remove',
  'event.void',
  'target.set',
  'rules.add-version',
  'grades.set-ladder',
  'period.close',
  'period.postpone',
  'closing.set-grace',
  'reward.create',
  'reward.update',
  'reward.delete',
  'grant.hand-out',
  'integration.create',
  'integration.update',
  'integration.delete',
  'integration.rotate',
  'delivery.replay',
  'import.run',
  'calendar.update',
  'wall.settings',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Whether a stored action code is one the catalogue says (an older or unknown one is shown by its code). */
export function isAuditAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

/**
 * What an audit entry was about, named as data (never a sentence): a screen builds the sentence.
 * `event`: the voided event as it was; `name` for the rest (a person, a triad, a reward, a token…).
 */
export type AuditSubject =
  | { kind: 'employee' | 'team' | 'account' | 'token' | 'reward' | 'integration' | 'period'; id: string | null; name: string | null }
  | {
      kind: 'event';
      id: string;
      type: string | null;
      employeeName: string | null;
      clientName: string | null;
      amount: number | null;
      currency: string | null;
    };
