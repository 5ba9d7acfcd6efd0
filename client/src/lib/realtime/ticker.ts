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

export { reasonText } from '../i18n/reasons.js';
