import { z } from 'zod';
import type { GradeStatus } from './grade.js';
import { PERIOD_KINDS, type PeriodKind } from './period.js';
import { BOARDS, type Board } from './board.js';
import type { Role } from './roles.js';
import { LocalDateSchema } from './time.js';

export interface StandingsMember {
  employeeId: string;
  name: string;
  role: Role;
  /** The member's photo, or none (initials on a colour). */
  photoUrl?: string | null;
}

/** One ranked row. Ranks are competition ranks (1, 1, 3); ties are listed by name. */
export interface StandingsRow {
  rank: number;
  id: string;
  name: string;
  points: number;
  /** The employee's (or team's) photo, or none: screens draw initials on a colour. */
  photoUrl?: string | null;
  /** Employee boards: the employee's role and current team. */
  role?: Role;
  teamId?: string | null;
  teamName?: string | null;
  /** Team board: the current members. */
  members?: StandingsMember[];
  /** Team board: the team's grade in the ladder's window containing the board's date. */
  grade?: GradeStatus;
}

/** A board for one period, as REST returns it and as `standings:snapshot` / `standings:update` carry it. */
export interface Standings {
  board: Board;
  period: PeriodKind;
  /** The office-local date the period was chosen by (YYYY-MM-DD). */
  at: string;
  /** `2026-11`, `2026-Q4` or `2026`. */
  key: string;
  /** Period bounds, UTC ISO; `end` is exclusive. */
  start: string;
  end: string;
  /** Increases by one with every update pushed for this board; a gap means resubscribe. */
  version: number;
  rows: StandingsRow[];
}

/** GET /api/standings query; also one entry of a live subscription. */
export const StandingsQuerySchema = z.strictObject({
  board: z.enum(BOARDS).default('teams'),
  period: z.enum(PERIOD_KINDS).default('month'),
  at: LocalDateSchema.optional(),
});
export type StandingsQuery = z.input<typeof StandingsQuerySchema>;
