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
  /** A sentence a person understands: "Anna: successful call (42 s), +1". */
  reason: string;
  occurredAt: string;
}
