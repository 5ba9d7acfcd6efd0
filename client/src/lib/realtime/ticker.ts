import { RULE_CODES, type Award, type RuleCode } from '@conveyor/shared';
import { capitalize, DataMarks, lang, message, type Lang, type TextPart } from '../i18n/i18n.js';
import { awardParts } from '../i18n/reasons.js';

/**
 * How many awards the ticker keeps; older ones are dropped so a board running for weeks stays small.
 * Enough for a busy office's last minutes, so a person's calls are counted together.
 */
export const TICKER_LIMIT = 120;

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

/**
 * Small, frequent awards: one person's are counted together per type («Анна Смирнова: 12 звонков»).
 * A meeting, a contract or a payment is news of its own, with its client's name.
 */
export const GROUPED_CODES = [
  RULE_CODES.call,
  RULE_CODES.emailGeneral,
  RULE_CODES.emailDecisionMaker,
  RULE_CODES.needIdentified,
] as const satisfies readonly RuleCode[];
type GroupedCode = (typeof GROUPED_CODES)[number];

/** The window small awards are counted in: the same person and type within one such slice of time. */
export const GROUP_WINDOW_MS = 10 * 60_000;

/** One pill of the ticker: an award as it is, or one person's small awards of one type counted together. */
export type TickerItem =
  | { kind: 'award'; key: string; award: Award }
  | { kind: 'group'; key: string; code: GroupedCode; employeeId: string; name: string; count: number; points: number; newest: Award };

const isGrouped = (award: Award): award is Award & { reasonCode: GroupedCode; employeeId: string } =>
  award.employeeId !== null &&
  award.points > 0 &&
  award.params?.reversed !== true &&
  (GROUPED_CODES as readonly string[]).includes(award.reasonCode ?? award.rule);

/**
 * The ticker's pills from the awards (newest first): a person's small awards of one type that
 * happened in the same window (`windowMs` slices of the awards' own times, so the pill's key stays
 * put while it grows) become one counted pill; everything else, and a group of one, stays as it is.
 * Newest first by the latest award each pill holds. Pure: no clock, the awards' times only.
 */
export function tickerItems(awards: readonly Award[], windowMs = GROUP_WINDOW_MS): TickerItem[] {
  const items: TickerItem[] = [];
  const groups = new Map<string, Extract<TickerItem, { kind: 'group' }>>();
  for (const award of awards) {
    if (!isGrouped(award)) {
      items.push({ kind: 'award', key: `a${award.id}`, award });
      continue;
    }
    const slice = Math.floor(Date.parse(award.occurredAt) / windowMs);
    const key = `g:${award.employeeId}:${award.reasonCode}:${slice}`;
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.points += award.points;
      if (award.id > group.newest.id) group.newest = award;
      continue;
    }
    const name = typeof award.params?.employee === 'string' ? award.params.employee : '';
    const created = {
      kind: 'group' as const,
      key,
      code: award.reasonCode,
      employeeId: award.employeeId,
      name,
      count: 1,
      points: award.points,
      newest: award,
    };
    groups.set(key, created);
    items.push(created);
  }
  // A group of one is that award, with its own reason (and its client); a group's place is its newest award's.
  return items
    .map((item): TickerItem => (item.kind === 'group' && item.count === 1 ? { kind: 'award', key: item.key, award: item.newest } : item))
    .sort((a, b) => newestId(b) - newestId(a));
}

function newestId(item: TickerItem): number {
  return item.kind === 'award' ? item.award.id : item.newest.id;
}

/**
 * An award as the wall tells it: a client without a name is left out rather than shown by its id
 * (PRODUCT.md: a client without a name shows its id; the wall shows none).
 */
export function wallAward(award: Award): Award {
  const params = award.params;
  if (!params || (params.clientId === undefined && params.client === undefined)) return award;
  const named = typeof params.client === 'string' && params.client !== '' && params.client !== params.clientId;
  return named ? award : { ...award, params: { ...params, client: '' } };
}

/** What a pill says, in parts (names are data): «Анна Смирнова: 12 звонков», or the award's own reason. */
export function tickerParts(item: TickerItem, of: Lang = lang()): TextPart[] {
  if (item.kind === 'award') return awardParts(wallAward(item.award), { of });
  const marks = new DataMarks();
  const text = message(of, `ticker.${item.code}`, { n: item.count });
  return marks.parts(item.name === '' ? capitalize(text, of) : message(of, 'reason.subject', { subject: marks.mark(item.name), text }));
}
