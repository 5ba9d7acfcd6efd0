import { z } from 'zod';
import type { Award } from './ledger.js';
import type { RuleCode } from './reasons.js';
import { LocalDateSchema } from './time.js';

/** The most days one page of an employee's history holds. */
export const MAX_HISTORY_DAYS = 31;

/** GET /api/me/history?before=&days=: the days with awards before an office date (default: up to today). */
export const MeHistoryQuerySchema = z.strictObject({
  /** Only days before this office date; absent: today and the days before it. */
  before: LocalDateSchema.optional(),
  /** How many days that have awards (not calendar days). */
  days: z.coerce.number().int().min(1).max(MAX_HISTORY_DAYS).default(7),
});
export type MeHistoryQuery = z.input<typeof MeHistoryQuerySchema>;

/** How many awards of one rule a day holds, net of reversals (a voided call is not counted). */
export interface MeHistoryCount {
  code: RuleCode;
  n: number;
}

/** One office-local day of an employee's awards. */
export interface MeHistoryDay {
  /** The office date, `YYYY-MM-DD`. */
  date: string;
  /** The day's points, reversals included. */
  points: number;
  /** Awards per rule, most first (ties in the order of `REASON_CODES`); rules that net to none are left out. */
  counts: MeHistoryCount[];
  /** The day's ledger entries, newest first. */
  awards: Award[];
}

/** A page of history, newest day first. */
export interface MeHistory {
  days: MeHistoryDay[];
  /** Pass as `before` for the next, older page; null when nothing older is left. */
  before: string | null;
}
