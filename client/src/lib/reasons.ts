import type { Award } from '@conveyor/shared';
import type { Lang } from './i18n.js';
import { reasonText } from './realtime/ticker.js';

/** Russian names of the scoring rules, by rule code. The server writes reasons in English. */
const RU_RULES: Record<string, string> = {
  'telemarketer.call': 'успешный звонок',
  'telemarketer.daily_norm': 'дневная норма звонков выполнена',
  'telemarketer.email_general': 'письмо',
  'telemarketer.need_identified': 'потребность выявлена',
  'telemarketer.email_decision_maker': 'письмо ЛПР',
  'telemarketer.meeting_scheduled': 'назначена встреча',
  'telemarketer.first_payment': 'первая оплата привлечённого клиента',
  'sales.meeting_held': 'встреча проведена',
  'sales.contract_signed': 'договор подписан',
  'sales.first_payment': 'первая оплата',
  'sales.renewal': 'продление',
  'account.payment': 'оплата клиента',
  'account.retention_bonus': 'бонус за удержание клиента',
  'team.chain_completed': 'цепочка пройдена',
  'team.target_reached': 'цель команды достигнута',
};

/**
 * An award's reason in the UI language, without the trailing points the screen shows apart. In
 * Russian: the subject, the rule's Russian name, and the details the English reason carries (the
 * call's length, amounts and client ids in parentheses); a reversal says so first.
 */
export function awardText(award: Pick<Award, 'reason' | 'points' | 'rule'>, lang: Lang): string {
  const english = reasonText(award);
  if (lang === 'en') return english;
  const label = RU_RULES[award.rule];
  if (!label) return english;
  const reversed = /^Reversed \(([^)]*)\): (.*)$/.exec(english);
  const body = reversed ? reversed[2]! : english;
  const colon = body.indexOf(': ');
  const subject = colon > 0 ? body.slice(0, colon) : '';
  const what = colon > 0 ? body.slice(colon + 2) : body;
  const details = [
    ...[...what.matchAll(/(\d+) s\b/g)].map((m) => `${m[1]} с`),
    ...[...what.matchAll(/\b(?:of|paid) ([\d\s.,]+(?:\s?[A-Z]{3}|₽)?)/g)].map((m) => m[1]!.trim()),
    ...[...what.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!),
    ...[...what.matchAll(/client (\S+?)(?:\s|,|$)/g)].map((m) => m[1]!),
  ];
  const text = `${subject ? `${subject}: ` : ''}${label}${details.length > 0 ? `, ${[...new Set(details)].join(', ')}` : ''}`;
  return reversed ? `Отмена (${reversed[1]}): ${text}` : text;
}
