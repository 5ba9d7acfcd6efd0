import type { Award } from '@conveyor/shared';

/** How many awards the ticker keeps; older ones are dropped so a board running for weeks stays small. */
export const TICKER_LIMIT = 40;

/**
 * Merges awards into the ticker list: newest first (by ledger id), each id once, at most `limit`.
 * `incoming` may be in any order (live batches come newest last, REST newest first).
 */
export function mergeAwards(current: readonly Award[], incoming: readonly Award[], limit = TICKER_LIMIT): Award[] {
  const byId = new Map<number, Award>();
  for (const award of current) byId.set(award.id, award);
  for (const award of incoming) byId.set(award.id, award);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
}

/** Points as the ticker shows them: `+15`, `−5` (a real minus sign), `0`. */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${Math.abs(points)}`;
  return '0';
}

/** The reason without a trailing ", +15" that repeats the points shown beside it. */
export function reasonText(award: Pick<Award, 'reason' | 'points'>): string {
  const match = /[,;:]?\s*([+\u2212-])\s?(\d+)\s*(?:pts?|points?|очк\S*)?\.?\s*$/iu.exec(award.reason);
  if (!match) return award.reason;
  const value = Number(match[2]) * (match[1] === '+' ? 1 : -1);
  return value === award.points ? award.reason.slice(0, match.index).trimEnd() : award.reason;
}
