import { z } from 'zod';
import { PERIOD_KINDS, type PeriodKind } from './period.js';
import { LocalDateSchema } from './time.js';

/** PUT /api/targets: a team's points target for one period (null removes it). */
export const SetTeamTargetSchema = z.strictObject({
  teamId: z.string().trim().min(1).max(128),
  period: z.enum(PERIOD_KINDS),
  /** Any date in the period (office time). */
  at: LocalDateSchema,
  points: z.number().int().min(1).max(100_000_000).nullable(),
});
export type SetTeamTarget = z.infer<typeof SetTeamTargetSchema>;

/** A team's target for a period, and when its points reached it (if they did). */
export interface TeamTarget {
  teamId: string;
  period: PeriodKind;
  key: string;
  points: number;
  /** `occurredAt` of the award that reached the target; null while not reached. */
  reachedAt: string | null;
}
