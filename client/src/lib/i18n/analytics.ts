import type { AnalyticsParams, FairPlaySignal, FunnelStage, MeFunnel, StageValue, WeakLinkFinding } from '@conveyor/shared';
import { DataMarks, formatMoney, lang, message, type Lang, type MessageParams, type TextPart } from './i18n.js';

/**
 * The funnel's numbers and sentences in the viewer's language: findings, fair-play signals and the
 * phone's next step are made from their `reasonCode` and `params` through the catalogue (PRODUCT.md,
 * "Reasons are data"); rates come as fractions and are shown as percents, except `calls`, which is
 * successful calls per working day.
 */

const DASH = '—';

/** A fraction as a percent: "20 %", "20%"; one decimal below 10 % ("6,5 %"), none above. */
export function formatPercent(rate: number, of: Lang = lang()): string {
  return new Intl.NumberFormat(of, { style: 'percent', maximumFractionDigits: rate < 0.1 ? 1 : 0 }).format(rate);
}

/** Successful calls per working day, to one decimal (plurals pick their form from this number). */
export function perDay(rate: number): number {
  return Math.round(rate * 10) / 10;
}

/** A stage's rate as people read it: "20 %" or, for `calls`, "31,4 в день"; a dash when nothing was counted. */
export function stageRateText(stage: FunnelStage, rate: number | null, of: Lang = lang()): string {
  if (rate === null) return DASH;
  return stage === 'calls' ? message(of, 'funnel.perDay', { n: perDay(rate) }) : formatPercent(rate, of);
}

/** What the rate is made of: "12 из 60", or for `calls` "534 за 17 рабочих дней". */
export function stageCountText(stage: FunnelStage, value: StageValue, of: Lang = lang()): string {
  return stage === 'calls'
    ? message(of, 'funnel.ofDays', { n: value.numerator, days: value.denominator })
    : message(of, 'funnel.of', { n: value.numerator, d: value.denominator });
}

/** The rate and the office's rate as a stage's message takes them: percents, or per-day numbers for `calls`. */
function rates(stage: FunnelStage, params: AnalyticsParams, of: Lang): MessageParams {
  const rate = params.rate ?? 0;
  const officeRate = params.officeRate ?? 0;
  return stage === 'calls'
    ? { rate: perDay(rate), officeRate: perDay(officeRate) }
    : { rate: formatPercent(rate, of), officeRate: formatPercent(officeRate, of) };
}

/** Clients to one decimal: a shortfall is an expectation ("≈ 2,6 клиента"). */
const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

/**
 * A weak-link finding in words, the person's name as data: "Пётр Иванов: встречи назначены 12 из 60
 * (20 %), у отдела 41 %; потеря ≈ 3 клиента, 1 050 000 ₽". The loss is left out when it is nothing.
 */
export function findingParts(finding: Pick<WeakLinkFinding, 'stage' | 'params'>, of: Lang = lang()): TextPart[] {
  const { stage, params } = finding;
  const marks = new DataMarks();
  let text = message(of, `weak_link.${stage}`, {
    numerator: params.numerator ?? 0,
    denominator: params.denominator ?? 0,
    ...rates(stage, params, of),
  });
  const clients = oneDecimal(params.clients ?? 0);
  const amount = params.amount ?? 0;
  if (clients > 0 && amount > 0)
    text = message(of, 'funnel.finding.loss', { text, clients, money: formatMoney(Math.round(amount), params.currency ?? 'RUB', of) });
  else if (clients > 0) text = message(of, 'funnel.finding.lossClients', { text, clients });
  return marks.parts(message(of, 'funnel.finding', { name: marks.mark(params.name), text }));
}

/** A fair-play signal in words, a question's facts rather than a verdict: "Ирина Петрова: 38 % успешных звонков длятся 30–33 с …". */
export function signalParts(signal: Pick<FairPlaySignal, 'kind' | 'params' | 'value' | 'officeValue'>, of: Lang = lang()): TextPart[] {
  const { params } = signal;
  const marks = new DataMarks();
  const text = message(of, `signal.${signal.kind}`, {
    name: marks.mark(params.name),
    value: formatPercent(params.value ?? signal.value, of),
    officeValue: formatPercent(params.officeValue ?? signal.officeValue, of),
    count: params.count ?? 0,
    of: params.of ?? 0,
    minSec: params.minSec ?? 0,
    maxSec: params.maxSec ?? 0,
    seconds: params.seconds ?? 0,
    hours: params.hours ?? 0,
  });
  return marks.parts(text);
}

/** The phone's next step in encouraging words, from its `me.next.<stage>` code. */
export function nextStepText(next: NonNullable<MeFunnel['nextStep']>, of: Lang = lang()): string {
  return message(of, `me.next.${next.stage}`, rates(next.stage, next.params, of));
}
