import type { ActivityEvent } from '@conveyor/shared';
import { parseLocalDate, zonedToUtc } from '../periods/zoned-time.js';

/** The office hours the daily norm is spread over, in office time: 09:00 to 18:00. */
export const WORKING_HOURS = { start: 9, end: 18 } as const;

/**
 * Each employee's successful calls in `[from, to)`: calls that lasted at least `minCallSeconds`
 * (the rules' threshold). Other events and shorter calls do not count.
 */
export function successfulCallsByEmployee(
  events: readonly ActivityEvent[],
  minCallSeconds: number,
  from: string,
  to: string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'call' || e.durationSec < minCallSeconds || e.occurredAt < from || e.occurredAt >= to) continue;
    counts.set(e.employeeId, (counts.get(e.employeeId) ?? 0) + 1);
  }
  return counts;
}

/** One employee's successful calls in `[from, to)` (their events only, or anyone's: others are not counted). */
export function successfulCalls(
  events: readonly ActivityEvent[],
  employeeId: string,
  minCallSeconds: number,
  from: string,
  to: string,
): number {
  return successfulCallsByEmployee(events, minCallSeconds, from, to).get(employeeId) ?? 0;
}

/** The instants an office-local date's working hours start and end at. */
export function workingHours(date: string, timeZone: string): { start: Date; end: Date } {
  const { year, month, day } = parseLocalDate(date);
  return {
    start: zonedToUtc(year, month, day, timeZone, WORKING_HOURS.start),
    end: zonedToUtc(year, month, day, timeZone, WORKING_HOURS.end),
  };
}
