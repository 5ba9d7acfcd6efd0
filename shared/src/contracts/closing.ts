import { z } from 'zod';
import type { Award } from './ledger.js';
import type { GradeChanged } from './grade.js';
import type { BigPayment, ClientPayment } from './wall.js';
import { PERIOD_KINDS, type PeriodKind } from './period.js';
import { BOARDS, type Board } from './board.js';
import type { Standings } from './standings.js';
import { InstantSchema } from './time.js';

// ---- Rewards: what a manager attaches to a period and a place ----

/** POST /api/rewards, PUT /api/rewards/{id}: a perk for a place on a board when a period closes. */
export const RewardInputSchema = z.strictObject({
  period: z.enum(PERIOD_KINDS),
  board: z.enum(BOARDS),
  /** 1 = the winner. */
  place: z.number().int().min(1).max(20),
  title: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(''),
});
export type RewardInput = z.input<typeof RewardInputSchema>;

export interface Reward {
  id: string;
  period: PeriodKind;
  board: Board;
  place: number;
  title: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** A reward fixed to a winner when its period closed: granted, then handed out by a manager. */
export interface RewardGrant {
  id: string;
  period: PeriodKind;
  key: string;
  rewardId: string;
  board: Board;
  place: number;
  /** Title and description as they were when the period closed. */
  title: string;
  description: string;
  subjectType: 'team' | 'employee';
  subjectId: string;
  subjectName: string;
  points: number;
  status: 'granted' | 'handed_out';
  grantedAt: string;
  handedOutAt: string | null;
}

// ---- Closing ----

/** GET/PUT /api/settings/closing. */
export const ClosingSettingsSchema = z.strictObject({
  /** How long a period stays open for late events after it ends, before it closes. */
  graceHours: z.number().int().min(0).max(168),
});
export type ClosingSettings = z.infer<typeof ClosingSettingsSchema>;

/** POST /api/periods/{key}/postpone. */
export const PostponeSchema = z.strictObject({ until: InstantSchema });
export type Postpone = z.infer<typeof PostponeSchema>;

/** A period key: `2026` (year), `2026-Q4` (quarter) or `2026-11` (month). */
export const PeriodKeySchema = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'must be a period key such as 2026, 2026-Q4 or 2026-11');

/** open: running; grace: ended, still taking late events; closed: result frozen. */
export type PeriodStatus = 'open' | 'grace' | 'closed';

/** A team's grade when the ladder's window closed; every member at that moment earned it. */
export interface EarnedTeamGrade {
  teamId: string;
  teamName: string;
  grade: string | null;
  points: number;
  members: { employeeId: string; name: string }[];
}

/** One employee's earned grade for a window (GET /api/grades/earned). */
export interface EarnedGrade {
  employeeId: string;
  windowKey: string;
  teamId: string;
  teamName: string;
  grade: string | null;
  points: number;
  recordedAt: string;
}

export interface PeriodSummary {
  period: PeriodKind;
  key: string;
  start: string;
  end: string;
  status: PeriodStatus;
  /** When it closes (or closed): end + grace, or the manager's postponement or early close. */
  closesAt: string;
  closedAt: string | null;
  /** schedule: the grace window passed; manager: closed early by a manager. */
  closedBy: 'schedule' | 'manager' | null;
  grants: RewardGrant[];
}

/** GET /api/periods/{key}: a closed period's frozen result, or an open one's state. */
export interface PeriodDetail extends PeriodSummary {
  /** Final standings as frozen at close, one per board; null while open. */
  standings: Omit<Standings, 'version'>[] | null;
  /** Grades earned when this period was the ladder's window; [] otherwise. */
  grades: EarnedTeamGrade[];
  /** Ledger entries for this period recorded after it closed: scored, not in the frozen result. */
  adjustments: Award[];
}

// ---- Live moments: notable things, pushed with a version like standings ----

/** `target.reached`: a team's points reached the target a manager set for a period. */
export interface TargetReached {
  teamId: string;
  teamName: string;
  period: PeriodKind;
  key: string;
  target: number;
  /** When the award that reached it happened. */
  reachedAt: string;
  at: string;
}

/** One winner announced with a closed period. */
export interface PeriodWinner {
  rewardId: string;
  title: string;
  board: Board;
  place: number;
  subjectId: string;
  name: string;
  points: number;
}

/** `period.closed`: a period's result was fixed. */
export interface PeriodClosed {
  period: PeriodKind;
  key: string;
  start: string;
  end: string;
  closedAt: string;
  closedBy: 'schedule' | 'manager';
  winners: PeriodWinner[];
  /** Teams' grades earned, when the period was the ladder's window. */
  grades: { teamId: string; teamName: string; grade: string | null; points: number }[];
}

export interface MomentPayloads {
  'grade.changed': GradeChanged;
  'target.reached': TargetReached;
  'period.closed': PeriodClosed;
  'payment.big': BigPayment;
  'client.new': ClientPayment;
  'client.renewal': ClientPayment;
}
export type MomentType = keyof MomentPayloads;
export const MOMENT_TYPES = [
  'grade.changed',
  'target.reached',
  'period.closed',
  'payment.big',
  'client.new',
  'client.renewal',
] as const satisfies readonly MomentType[];

/** What a moment event carries on the socket: the payload and the office-wide moment version. */
export type Versioned<T> = T & { version: number };

/** A moment as stored and replayed: its version (increasing by one), type and payload. */
export type Moment = { [K in MomentType]: { version: number; type: K; data: MomentPayloads[K] } }[MomentType];

/** `moments:snapshot`: sent on every subscribe; `version` is the latest, `recent` the last few, oldest first. */
export interface MomentsSnapshot {
  version: number;
  recent: Moment[];
}
