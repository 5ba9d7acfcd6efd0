import { PERIOD_KINDS, type Board, type PeriodKind, type PeriodRange, type PeriodStatus, type PeriodWinner } from '@conveyor/shared';
import { periodOfDate, periodOfInstant, periodsBetween } from './periods.js';
import { formatDate, localParts } from './zoned-time.js';

/** The default grace window after a period ends, for late events, before it closes. */
export const DEFAULT_GRACE_MS = 24 * 3600_000;

/** When a period closes: its end plus the grace window, or later when a manager postponed it. */
export function closesAt(range: PeriodRange, graceMs: number = DEFAULT_GRACE_MS, postponedUntil: string | null = null): string {
  const scheduled = new Date(Date.parse(range.end) + graceMs).toISOString();
  return postponedUntil !== null && postponedUntil > scheduled ? postponedUntil : scheduled;
}

/** A postponement may move the closing up to this long after the period's end. */
export const MAX_POSTPONE_MS = 7 * 24 * 3600_000;

/** open: running; grace: ended, still taking late events; closed: result frozen. */
export function periodStatus(range: PeriodRange, now: Date, closed: boolean): PeriodStatus {
  if (closed) return 'closed';
  return now.toISOString() < range.end ? 'open' : 'grace';
}

/** The period of a kind just before the one containing `now` (office time). */
export function previousPeriod(kind: PeriodKind, now: Date, timeZone: string): PeriodRange {
  const current = periodOfInstant(kind, now, timeZone);
  const lastDay = localParts(new Date(Date.parse(current.start) - 1), timeZone);
  return periodOfDate(kind, formatDate(lastDay.year, lastDay.month, lastDay.day), timeZone);
}

export interface ClosingState {
  /** The first instant anything was scored; nothing before it needs closing. null: nothing yet. */
  firstActivity: Date | null;
  /** Keys already closed. */
  closed: ReadonlySet<string>;
  /** Manager postponements by key. */
  postponed: ReadonlyMap<string, string>;
  graceMs: number;
}

/**
 * Every month, quarter and year from the first activity on whose closing time has come and that is
 * not closed yet, in the order they ended (months before the quarter and year ending with them). A
 * server that was down for weeks catches up on all of them.
 */
export function periodsToClose(now: Date, timeZone: string, state: ClosingState): PeriodRange[] {
  if (state.firstActivity === null) return [];
  const due = PERIOD_KINDS.flatMap((kind) =>
    periodsBetween(kind, state.firstActivity!, now, timeZone).filter(
      (p) => !state.closed.has(p.key) && closesAt(p, state.graceMs, state.postponed.get(p.key) ?? null) <= now.toISOString(),
    ),
  );
  const order: Record<PeriodKind, number> = { month: 0, quarter: 1, year: 2 };
  return due.sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : order[a.period] - order[b.period]));
}

/** A contender for a place: its points and when its running total first reached them. */
export interface Contender {
  id: string;
  points: number;
  /** null when it never scored. */
  reachedAt: string | null;
}

/** Places are decided by points, then who reached the score first, then id. */
export function rankContenders<T extends Contender>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      b.points - a.points ||
      (a.reachedAt === b.reachedAt ? 0 : a.reachedAt === null ? 1 : b.reachedAt === null ? -1 : a.reachedAt < b.reachedAt ? -1 : 1) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The first instant at which a running total (awards in `occurredAt` order) reached `target`.
 * Entries of one instant count together: a reversal carries the instant of the award it reverses,
 * so a voided or re-scored award never lifts the total, not even for a moment.
 */
export function reachedAt(awards: readonly { occurredAt: string; points: number }[], target: number): string | null {
  const byInstant = new Map<string, number>();
  for (const a of awards) byInstant.set(a.occurredAt, (byInstant.get(a.occurredAt) ?? 0) + a.points);
  let sum = 0;
  for (const at of [...byInstant.keys()].sort()) {
    sum += byInstant.get(at)!;
    if (sum >= target) return at;
  }
  return null;
}

/** A reward definition as the closing needs it. */
export interface RewardRule {
  id: string;
  board: Board;
  place: number;
  title: string;
}

/** A ranked board at close: contenders with their names. */
export type ClosingBoard = readonly (Contender & { name: string })[];

/**
 * Who wins each reward: the contender at its place once the board is ordered by points, then who
 * reached the score first, then id. Only contenders with points above zero can win: a place nobody
 * earned is not granted.
 */
export function decideWinners(rewards: readonly RewardRule[], boards: ReadonlyMap<Board, ClosingBoard>): PeriodWinner[] {
  const ranked = new Map([...boards].map(([board, rows]) => [board, rankContenders(rows.filter((r) => r.points > 0))]));
  const out: PeriodWinner[] = [];
  for (const reward of [...rewards].sort((a, b) => a.board.localeCompare(b.board) || a.place - b.place || a.id.localeCompare(b.id))) {
    const at = ranked.get(reward.board)?.[reward.place - 1];
    if (at)
      out.push({
        rewardId: reward.id,
        title: reward.title,
        board: reward.board,
        place: reward.place,
        subjectId: at.id,
        name: at.name,
        points: at.points,
      });
  }
  return out;
}

/** Which contenders share their points with another: only those need `reachedAt` to be ordered. */
export function tiedIds(rows: readonly Contender[]): string[] {
  const count = new Map<number, number>();
  for (const r of rows) count.set(r.points, (count.get(r.points) ?? 0) + 1);
  return rows.filter((r) => r.points > 0 && count.get(r.points)! > 1).map((r) => r.id);
}
