/** Where a run of work should be by `now`: the share of [start, end) gone by, from 0 before it to 1 after it. */
export function elapsedShare(startMs: number, endMs: number, nowMs: number): number {
  if (!(endMs > startMs)) return nowMs >= endMs ? 1 : 0;
  return Math.min(1, Math.max(0, (nowMs - startMs) / (endMs - startMs)));
}

/** Calls a telemarketer should have made by now, the norm spread evenly over the working hours (whole calls, down). */
export function callsDueBy(norm: number, dayStart: string, dayEnd: string, nowMs: number): number {
  return Math.floor(norm * elapsedShare(Date.parse(dayStart), Date.parse(dayEnd), nowMs));
}

export type PaceStatus = 'reached' | 'ahead' | 'behind' | 'onPace';

/**
 * A team against its target, pro rata of the period gone by in office time: how many points it
 * should have by now, and how far ahead or behind that it is (whole points; within a point is on pace).
 */
export function targetPace(
  points: number,
  goal: number,
  startMs: number,
  endMs: number,
  nowMs: number,
): { share: number; due: number; dueShare: number; status: PaceStatus; by: number } {
  const dueShare = elapsedShare(startMs, endMs, nowMs);
  const due = Math.round(goal * dueShare);
  const share = goal > 0 ? Math.min(1, Math.max(0, points / goal)) : 1;
  if (points >= goal) return { share, due, dueShare, status: 'reached', by: 0 };
  const by = Math.round(points - goal * dueShare);
  return { share, due, dueShare, status: by > 0 ? 'ahead' : by < 0 ? 'behind' : 'onPace', by: Math.abs(by) };
}
