import {
  DELIVERY_REASONS,
  ERROR_CODES,
  EVENT_TYPES,
  isFieldReasonCode,
  WHY_PARAM,
  type DeliveryReason,
  type EventType,
  type FieldReason,
  type IntegrationSystem,
} from '@conveyor/shared';
import { fieldReasonText } from './field-reasons.js';
import { DataMarks, formatMoney, lang, message, type Lang, type MessageKey, type TextPart } from './i18n.js';

/**
 * The integrations' words: what a delivery said, why it was not scored (a field's reason by its
 * code, as field-reasons.ts says it). The server speaks in codes and its systems' own values; here they become the UI
 * language, with the systems' values (numbers, ids, stage names) kept apart as data.
 */

const isEventType = (value: unknown): value is EventType => typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
const isErrorCode = (value: unknown): value is (typeof ERROR_CODES)[number] =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
export const isDeliveryReason = (value: unknown): value is DeliveryReason =>
  typeof value === 'string' && (DELIVERY_REASONS as readonly string[]).includes(value);

/** Talk time as a clock reads it: `0:42`, `12:05`, `1:02:03`. */
export function talkTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

const text = (value: string | number | undefined): string | undefined => (value === undefined || value === '' ? undefined : String(value));
const first = (summary: Readonly<Record<string, string | number>>, ...names: string[]): string | number | undefined =>
  names.map((name) => summary[name]).find((value) => value !== undefined && value !== '');

/** Amounts come as numbers, or as a CRM writes them: `350000 RUB`. */
function money(value: string | number, of: Lang): string | undefined {
  if (typeof value === 'number') return formatMoney(value, 'RUB', of);
  const m = /^(\d+(?:[.,]\d+)?)\s*([A-Z]{3})?$/.exec(value.trim());
  return m ? formatMoney(Number(m[1]!.replace(',', '.')), m[2] ?? 'RUB', of) : undefined;
}

/** Summary keys that are a system's internal codes (a call's failure code): not shown. */
const HIDDEN = ['code'];

/**
 * What the system said, in a line: «входящий звонок, разговор 0:42, внутренний номер 101»,
 * «сделка ООО Ромашка, этап 142 → 143», «встреча назначена», «3 события». The adapters' keys are
 * put in words; any other value is shown as data (never its key: keys are the adapters' English).
 */
export function summaryParts(summary: Readonly<Record<string, string | number>>, of: Lang = lang()): TextPart[] {
  const marks = new DataMarks();
  const pieces: string[] = [];
  const used = new Set<string>(HIDDEN);
  const take = (...names: string[]): string | number | undefined => {
    for (const name of names) used.add(name);
    return first(summary, ...names);
  };
  const add = (value: string | undefined): void => {
    if (value) pieces.push(value);
  };
  const data = (value: string | number): string => marks.mark(String(value));

  const type = take('type');
  const talk = take('talkSec', 'call', 'durationSec');
  const direction = text(take('direction'));
  if (isEventType(type) && type !== 'call') add(message(of, `eventType.${type}`));
  else if (type === 'call' || typeof talk === 'number' || direction !== undefined)
    add(message(of, 'delivery.summary.call', { direction: direction === 'in' || direction === 'out' ? direction : 'other' }));
  if (typeof talk === 'number') add(message(of, 'delivery.summary.talk', { time: talkTime(talk) }));

  const calls = take('calls');
  if (typeof calls === 'number') add(message(of, 'delivery.summary.calls', { n: calls }));
  const events = take('events');
  if (typeof events === 'number') add(message(of, 'integrations.inbox.eventCount', { n: events }));

  const deal = text(take('deal', 'lead'));
  if (deal) add(message(of, 'delivery.summary.deal', { deal: data(deal) }));
  const deals = text(take('deals'));
  if (deals) add(message(of, 'delivery.summary.deals', { deals: data(deals) }));
  const activity = text(take('activity'));
  if (activity) add(message(of, 'delivery.summary.activity', { activity: data(activity) }));

  // A CRM's stage (`stage`; amoCRM says `status`, and the one the lead left as `from`). Beside a
  // `stage`, Pipedrive's `status` is the deal's: open, won or lost.
  const hasStage = summary.stage !== undefined;
  const stage = text(hasStage ? take('stage') : take('status'));
  const from = text(take('from'));
  if (stage && from) add(message(of, 'delivery.summary.stageFrom', { from: data(from), stage: data(stage) }));
  else if (stage) add(message(of, 'delivery.summary.stage', { stage: data(stage) }));
  const dealStatus = hasStage ? text(take('status')) : undefined;
  if (dealStatus)
    add(message(of, 'delivery.summary.dealStatus', { status: /^(open|won|lost|deleted)$/.test(dealStatus) ? dealStatus : 'other' }));

  const pipeline = text(take('pipeline'));
  if (pipeline) add(message(of, 'delivery.summary.pipeline', { pipeline: data(pipeline) }));
  const amount = take('amount');
  if (amount !== undefined) add(money(amount, of) ?? data(amount));

  const ext = text(take('ext'));
  if (ext) add(message(of, 'delivery.summary.extension', { ext: data(ext) }));
  const user = text(take('user'));
  const userName = text(take('userName'));
  if (user && userName) add(message(of, 'delivery.summary.userNamed', { user: data(user), name: data(userName) }));
  else if (user ?? userName) add(message(of, 'delivery.summary.user', { user: data(user ?? userName ?? '') }));
  const phone = text(take('phone'));
  if (phone) add(data(phone));

  const account = text(take('account', 'portal'));
  if (account) add(message(of, 'delivery.summary.account', { account: data(account) }));

  for (const [name, value] of Object.entries(summary)) if (!used.has(name) && text(value)) add(data(value));

  return marks.parts(pieces.join(', '));
}

/**
 * A malformed delivery's field reason, as the server keeps it in the params: `why` is its code and
 * `why.<name>` its params. One kept with only the English `reason` (from before) is `other`.
 */
function deliveryWhy(params: Readonly<Record<string, string | number>>): FieldReason | undefined {
  const code = params.why;
  if (code === undefined) return text(params.reason) ? { code: 'other' } : undefined;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) if (name.startsWith(WHY_PARAM)) values[name.slice(WHY_PARAM.length)] = value;
  return { code: isFieldReasonCode(code) ? code : 'other', params: values };
}

/**
 * Why a delivery was parked, ignored or refused, in words, with what the server's params add: the
 * ledger's refusal by its code («Событие не принято: событие датировано будущим временем»), the
 * field a malformed body got wrong, the field a reading missed, the error of a failed fetch.
 */
export function reasonParts(reason: string | null, params: Readonly<Record<string, string | number>> = {}, of: Lang = lang()): TextPart[] {
  if (!isDeliveryReason(reason)) return [];
  const marks = new DataMarks();
  let line = message(of, `delivery.${reason}`);
  const field = text(params.field);
  const why = deliveryWhy(params);
  if (reason === 'already_recorded') {
    // The ledger's id conflict is the reason itself: nothing to add.
  } else if (reason === 'refused_by_ledger' && isErrorCode(params.code)) {
    line = message(of, 'delivery.detail', { text: line, detail: message(of, `error.${params.code}`) });
  } else if (field && why) {
    line = message(of, 'delivery.detail.field', { text: line, field: marks.mark(field), reason: fieldReasonText(why, of, marks) });
  } else if (why) {
    line = message(of, 'delivery.detail', { text: line, detail: fieldReasonText(why, of, marks) });
  }
  const missing = text(params.missing);
  if (missing) line = message(of, 'delivery.detail.missing', { text: line, field: marks.mark(missing) });
  const error = text(params.error);
  if (error && reason === 'fetch_failed') line = message(of, 'delivery.detail', { text: line, detail: marks.mark(error) });
  return marks.parts(line);
}

/** The words of a system's own screens each guide names, by the guide's param. */
const GUIDE_LABELS: Record<IntegrationSystem, Readonly<Record<string, MessageKey>>> = {
  amocrm: { webHooks: 'system.label.webHooks' },
  bitrix24: { events: 'system.label.bitrixEvents', scopes: 'system.label.bitrixScopes' },
  mango: { apiConnector: 'system.label.apiConnector' },
  zadarma: { api: 'system.label.api' },
  sipuni: { api: 'system.label.api' },
  uis: { http: 'system.label.http', json: 'system.label.json' },
  hubspot: {
    path: 'system.label.hubspotPath',
    webhooks: 'system.label.hubspotWebhooks',
    secret: 'system.label.hubspotSecret',
    auth: 'system.label.hubspotAuth',
  },
  pipedrive: { path: 'system.label.pipedrivePath', auth: 'system.label.pipedriveAuth' },
  generic: {
    json: 'system.label.json',
    post: 'system.label.post',
    header: 'system.label.signatureHeader',
    value: 'system.label.signatureValue',
    hmac: 'system.label.hmac',
  },
};

/**
 * Where to paste the webhook address in a system, in a few words: the brand and the words of its
 * own screens («Web hooks», «API Connector») are data, as they read there.
 */
export function guideParts(system: IntegrationSystem, of: Lang = lang()): TextPart[] {
  const marks = new DataMarks();
  const params: Record<string, string> = { brand: marks.mark(message(of, `system.${system}`)) };
  for (const [name, key] of Object.entries(GUIDE_LABELS[system])) params[name] = marks.mark(message(of, key));
  return marks.parts(message(of, `integrations.guide.${system}`, params));
}

const SETTING_LABELS: Readonly<Record<string, MessageKey>> = {
  apiKey: 'integrations.field.apiKey',
  apiSalt: 'integrations.field.apiSalt',
  apiSecret: 'integrations.field.apiSecret',
  applicationToken: 'integrations.field.applicationToken',
  restUrl: 'integrations.field.restUrl',
  clientSecret: 'integrations.field.clientSecret',
  accessToken: 'integrations.field.accessToken',
  apiUrl: 'integrations.field.apiUrl',
  username: 'integrations.field.username',
  password: 'integrations.field.password',
  statusMap: 'integrations.field.statusMap',
};

/** The label of a system's setting (SYSTEM_SETTINGS names them), as its own screens call it where they can. */
export function settingLabel(name: string): MessageKey | null {
  return Object.hasOwn(SETTING_LABELS, name) ? SETTING_LABELS[name]! : null;
}
