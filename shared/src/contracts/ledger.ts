import type { ReasonParams, RuleCode } from './reasons.js';

/** One award as the live ticker and the API show it: a ledger entry (reversals carry negative points). */
export interface Award {
  /** Ledger entry id, increasing. */
  id: number;
  eventId: string;
  employeeId: string | null;
  teamId: string | null;
  points: number;
  /** Rule code, e.g. `telemarketer.call`. */
  rule: string;
  /** The rule version the award was scored with. */
  ruleVersion: number;
  /** An English sentence, a fallback for CRMs: "Anna: successful call (42 s), +1". Screens use `reasonCode` and `params`. */
  reason: string;
  /** The rule's code (PRODUCT.md, "Reasons are data"). */
  reasonCode?: RuleCode;
  /** The numbers and names behind the reason: `{ seconds: 42 }`, `{ amount: 350000, currency: 'RUB', client: 'ООО Ромашка', clientId: 'romashka' }`. */
  params?: ReasonParams;
  occurredAt: string;
}
