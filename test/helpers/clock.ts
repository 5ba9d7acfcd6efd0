/**
 * The test office's "now": noon in Moscow on Wednesday 25 November 2026, hours from a day's edge
 * and days from a month's, quarter's or year's. Servers run on it (`CONVEYOR_CLOCK`, a manual clock
 * that stands still) and browsers start at it, so nothing a test dates "now" or "an hour ago"
 * depends on the machine's real time.
 */
export const TEST_NOW = '2026-11-25T09:00:00.000Z';

/** Server environment for a manual clock at `TEST_NOW`. */
export const MANUAL_CLOCK = { CONVEYOR_CLOCK: TEST_NOW } as const;

/** An ISO instant `offsetMs` after (or, when negative, before) `TEST_NOW`. */
export function testTime(offsetMs = 0): string {
  return new Date(Date.parse(TEST_NOW) + offsetMs).toISOString();
}
