/**
 * Reasons are data (PRODUCT.md, "Reasons are data"): every award carries the code of the rule that
 * made it and the numbers behind it, and every refusal a stable error code. Screens say them in the
 * viewer's language from a message catalogue; no screen parses the English `reason` or `message`.
 */

/** Rule codes, as they appear on ledger entries (`rule`) and as `reasonCode`. */
export const RULE_CODES = {
  call: 'telemarketer.call',
  dailyNorm: 'telemarketer.daily_norm',
  emailGeneral: 'telemarketer.email_general',
  needIdentified: 'telemarketer.need_identified',
  emailDecisionMaker: 'telemarketer.email_decision_maker',
  meetingScheduled: 'telemarketer.meeting_scheduled',
  meetingHeld: 'sales.meeting_held',
  contractSigned: 'sales.contract_signed',
  firstPaymentSourced: 'telemarketer.first_payment',
  salesFirstPayment: 'sales.first_payment',
  salesRenewal: 'sales.renewal',
  accountPayment: 'account.payment',
  accountRetention: 'account.retention_bonus',
  chainCompleted: 'team.chain_completed',
  targetReached: 'team.target_reached',
} as const;

export type RuleCode = (typeof RULE_CODES)[keyof typeof RULE_CODES];

/** Every `reasonCode` an award can carry. */
export const REASON_CODES: readonly RuleCode[] = Object.values(RULE_CODES);

/**
 * The numbers and names behind a reason: numbers as numbers, money as `amount` with `currency`,
 * a client as `clientId` with `client` (its latest name, or its id when it has none), a period as
 * its key. A reversal carries the reversed award's params plus `reversed: true`, `cause` (one of
 * `REVERSAL_CAUSES`) and, for a void, the manager's `note`.
 */
export type ReasonParams = Record<string, string | number | boolean>;

/** Why an award was reversed. */
export const REVERSAL_CAUSES = ['void', 'rescore', 'team_change', 'rules_change', 'target_change'] as const;
export type ReversalCause = (typeof REVERSAL_CAUSES)[number];

/**
 * Stable codes of refused requests (`ApiError.code`), one per kind of refusal, so screens can
 * translate them; `message` stays as an English fallback.
 */
export const ERROR_CODES = [
  'request.malformed',
  'request.too_large',
  'request.too_many',
  'request.not_found',
  'request.conflict',
  'request.unprocessable',
  'route.not_found',
  'server.error',
  'db.unavailable',
  'auth.required',
  'auth.wrong_password',
  'auth.invite_invalid',
  'auth.forbidden',
  'auth.cross_site',
  'auth.email_taken',
  'event.future_time',
  'event.too_old',
  'event.unknown_employee',
  'event.id_conflict',
  'event.not_found',
  'employee.exists',
  'employee.in_team',
  'employee.inactive',
  'employee.external_id_taken',
  'team.exists',
  'team.inactive',
  'team.unknown',
  'team.change_refused',
  'membership.future',
  'rules.in_past',
  'period.not_ended',
  'period.closed',
  'period.postpone_range',
  'period.postpone_past',
  'reward.place_taken',
  'clock.backwards',
  'integration.not_found',
  'integration.unknown_hook',
  'integration.refused',
  'integration.malformed',
  'integration.disabled',
  'delivery.not_found',
  'delivery.not_replayable',
  'import.encoding',
  'import.columns',
  'import.bad_rows',
  'import.empty',
  'import.not_found',
  'import.running',
  'photo.too_large',
  'photo.not_image',
  'photo.not_found',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
