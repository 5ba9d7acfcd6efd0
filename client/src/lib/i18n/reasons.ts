import { REASON_CODES, REVERSAL_CAUSES, type Award, type ReasonParams, type ReversalCause, type RuleCode } from '@conveyor/shared';
import {
  capitalize,
  DataMarks,
  formatMoney,
  lang,
  message,
  periodKindOf,
  periodName,
  type Lang,
  type MessageParams,
  type TextPart,
} from './i18n.js';

/** The English reason (an award without a known code) without a trailing ", +15" that repeats the points shown beside it. */
export function reasonText(award: Pick<Award, 'reason' | 'points'>): string {
  const match = /[,;:]?\s*([+\u2212-])\s?(\d+)\s*(?:pts?|points?|очк\S*)?\.?\s*$/iu.exec(award.reason);
  if (!match) return award.reason;
  const value = Number(match[2]) * (match[1] === '+' ? 1 : -1);
  return value === award.points ? award.reason.slice(0, match.index).trimEnd() : award.reason;
}

type Reasoned = Pick<Award, 'reason' | 'points' | 'employeeId'> & Partial<Pick<Award, 'reasonCode' | 'params'>>;

export interface AwardTextOptions {
  /** The language (the UI's by default). */
  of?: Lang;
  /** Whose screen this is: their own name is not repeated on their own awards. */
  viewerId?: string | null;
}

const isReasonCode = (code: string | undefined): code is RuleCode =>
  code !== undefined && (REASON_CODES as readonly string[]).includes(code);
const isCause = (cause: unknown): cause is ReversalCause =>
  typeof cause === 'string' && (REVERSAL_CAUSES as readonly string[]).includes(cause);

/** Money, the client, a period's name and yes/no switches, as the reason messages take them. */
function messageParams(params: ReasonParams, of: Lang, marks: DataMarks): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  const client = params.client ?? params.clientId;
  out.client = client === undefined ? '' : marks.mark(String(client));
  out.withClient = client === undefined || client === '' ? 'no' : 'yes';
  out.newClient = params.newClient === true ? 'yes' : 'no';
  const amount = typeof params.amount === 'number' ? params.amount : typeof params.threshold === 'number' ? params.threshold : null;
  if (amount !== null) out.money = formatMoney(amount, typeof params.currency === 'string' ? params.currency : 'RUB', of);
  const kind = typeof params.period === 'string' ? periodKindOf(params.period) : null;
  if (kind && typeof params.period === 'string') out.periodName = periodName(kind, params.period, { of });
  return out;
}

/**
 * An award's reason in the viewer's language, without the points the screen shows apart: made from
 * `reasonCode` and `params` through the catalogue ("Анна Смирнова: продление, 350 000 ₽, ООО Ромашка").
 * An award without a known code (an old row) shows its English `reason`, never a blank.
 */
export function awardText(award: Reasoned, options: AwardTextOptions = {}): string {
  return awardParts(award, options)
    .map((part) => part.text)
    .join('');
}

/** `awardText` in parts: the person, the team, the client and a typed note are data (names, ids). */
export function awardParts(award: Reasoned, options: AwardTextOptions = {}): TextPart[] {
  const of = options.of ?? lang();
  const fallback = (): TextPart[] => [{ text: reasonText(award), data: false }];
  if (!isReasonCode(award.reasonCode)) return fallback();
  const params = award.params ?? {};
  const marks = new DataMarks();
  try {
    let text = message(of, `reason.${award.reasonCode}`, messageParams(params, of, marks));
    const mine = options.viewerId !== undefined && options.viewerId !== null && award.employeeId === options.viewerId;
    const subject = award.employeeId ? (mine ? undefined : params.employee) : params.team;
    if (subject !== undefined && subject !== '') text = message(of, 'reason.subject', { subject: marks.mark(String(subject)), text });
    if (params.reversed === true) {
      const cause = isCause(params.cause) ? message(of, `cause.${params.cause}`) : String(params.cause ?? '');
      text =
        typeof params.note === 'string' && params.note !== ''
          ? message(of, 'reason.reversalNote', { cause, note: marks.mark(params.note), text })
          : message(of, 'reason.reversal', { cause, text });
    }
    const parts = marks.parts(text);
    // The sentence starts with a capital, as before: the first piece, data or not.
    if (parts[0]) parts[0] = { ...parts[0], text: capitalize(parts[0].text, of) };
    return parts;
  } catch {
    return fallback(); // params that do not fit the message (an old row): the English reason
  }
}
