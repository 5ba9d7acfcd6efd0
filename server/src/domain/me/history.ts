import { REASON_CODES, type Award, type MeHistoryCount, type MeHistoryDay } from '@conveyor/shared';
import { localDate } from '../periods/zoned-time.js';

/** The office date an award belongs to. */
export function awardDay(award: Pick<Award, 'occurredAt'>, timeZone: string): string {
  return localDate(new Date(award.occurredAt), timeZone);
}

/**
 * An employee's awards grouped by office-local day, newest day first, each with its points and
 * how many awards of each rule it holds. A reversal takes its award back out of the count (a void,
 * a re-score); a re-score's new award counts again, so a day counts what stands.
 */
export function groupByDay(awards: readonly Award[], timeZone: string): MeHistoryDay[] {
  const days = new Map<string, Award[]>();
  for (const award of awards) {
    const date = awardDay(award, timeZone);
    let list = days.get(date);
    if (!list) days.set(date, (list = []));
    list.push(award);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([date, list]) => {
      const newestFirst = [...list].sort(newer);
      return { date, points: newestFirst.reduce((sum, a) => sum + a.points, 0), counts: countsOf(newestFirst), awards: newestFirst };
    });
}

/** Awards per rule net of reversals, most first, then in the catalogue's order. */
export function countsOf(awards: readonly Award[]): MeHistoryCount[] {
  const net = new Map<string, number>();
  for (const a of awards) {
    if (!a.reasonCode) continue;
    net.set(a.reasonCode, (net.get(a.reasonCode) ?? 0) + (a.params?.reversed === true || a.points < 0 ? -1 : 1));
  }
  return REASON_CODES.flatMap((code) => {
    const n = net.get(code) ?? 0;
    return n > 0 ? [{ code, n }] : [];
  }).sort((a, b) => b.n - a.n || REASON_CODES.indexOf(a.code) - REASON_CODES.indexOf(b.code));
}

/** Newest first: by time, then by entry id (a reversal after what it reverses). */
function newer(a: Award, b: Award): number {
  const at = Date.parse(b.occurredAt) - Date.parse(a.occurredAt);
  return at !== 0 ? at : b.id - a.id;
}
