/** A calendar period in the office time zone. */
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A resolved period: `key` is `2026-11`, `2026-Q4` or `2026`; start and end are UTC instants. */
export interface PeriodRange {
  period: PeriodKind;
  key: string;
  /** First instant of the period (UTC ISO). */
  start: string;
  /** First instant after the period (UTC ISO). */
  end: string;
}
