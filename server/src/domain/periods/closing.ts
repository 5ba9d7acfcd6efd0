import type { PeriodKind, PeriodRange } from '@conveyor/shared';
import { periodOfDate, periodOfInstant } from './periods.js';
import { formatDate, localParts } from './zoned-time.js';

/** The default grace window after a period ends, for late events, before it closes. */
export const DEFAULT_GRACE_MS = 24 * 3600_000;

/** When a period closes: its end plus the grace window (or a postponement within that window). */
export function closesAt(range: PeriodRange, graceMs: number = DEFAULT_GRACE_MS): string {
  return new Date(Date.parse(range.end) + graceMs).toISOString();
}

/** The period of a kind just before the one containing `now` (office time). */
export function previousPeriod(kind: PeriodKind, now: Date, timeZone: string): PeriodRange {
  const current = periodOfInstant(kind, now, timeZone);
  const lastDay = localParts(new Date(Date.parse(current.start) - 1), timeZone);
  return periodOfDate(kind, formatDate(lastDay.year, lastDay.month, lastDay.day), timeZone);
}

/** The previous month, quarter and year whose grace window has passed at `now`. */
export function periodsDue(now: Date, timeZone: string, graceMs: number = DEFAULT_GRACE_MS): PeriodRange[] {
  return (['month', 'quarter', 'year'] as const).map((kind) => previousPeriod(kind, now, timeZone)).filter((range) => closesAt(range, graceMs) <= now.toISOString());
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

/** The first instant at which a running total (awards in `occurredAt` order) reached `target`. */
export function reachedAt(awards: readonly { occurredAt: string; points: number }[], target: number): string | null {
  let sum = 0;
  for (const a of [...awards].sort((x, y) => (x.occurredAt < y.occurredAt ? -1 : x.occurredAt > y.occurredAt ? 1 : 0))) {
    sum += a.points;
    if (sum >= target) return a.occurredAt;
  }
  return null;
}
