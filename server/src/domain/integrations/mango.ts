import { createHash } from 'node:crypto';
import { badRequest, JSON_OK, type Adapter, type Reading, type Settings, type Verdict, type WebhookRequest } from './adapter.js';
import {
  callReading,
  callSummary,
  formFields,
  isRecord,
  jsonObject,
  MalformedField,
  optionalText,
  readSafely,
  requiredText,
  sameSecret,
  unixTime,
  type Direction,
} from './forms.js';

/**
 * Mango Office VPBX ("API Realtime", MangoOffice_VPBX_API v1.9, §2.4.3 and §3.1.6).
 *
 * Mango posts a form `vpbx_api_key`, `sign`, `json` to the office's address with the
 * notification's name appended: `<webhookUrl>/events/summary`, `/events/call`,
 * `/events/recording`, ... The server routes every sub-path of the webhook URL here, so the
 * name is the tail of `request.url`. Only the call summary (`/events/summary`, sent once a call
 * is over) is scored; every other notification is taken in and ignored. A delivery whose URL
 * carries no notification name (the bare webhook URL) counts as a summary when its `json` has
 * the summary's own fields (`entry_result`, `end_time`).
 *
 * `sign = sha256(vpbx_api_key + json + vpbx_api_salt)` in hex; Mango signs every request it
 * sends, so a `vpbx_api_key` other than the connection's `apiKey` is refused, and so is a
 * `sign` that does not match.
 *
 * Times are Unix seconds (absolute instants; the document's "UTC+3" is the zone Mango shows them
 * in). Talk time is `end_time - talk_time`; `talk_time` is 0 when nobody answered.
 */
export const mango: Adapter = {
  system: 'mango',

  verify(request: WebhookRequest, settings: Settings): Verdict {
    const apiKey = settings['apiKey'];
    const apiSalt = settings['apiSalt'];
    const form = formFields(request.rawBody);
    const key = form['vpbx_api_key'] ?? '';
    if (typeof apiKey !== 'string' || !sameSecret(key, apiKey)) return { ok: false, reason: 'bad_credentials' };
    if (typeof apiSalt !== 'string') return { ok: false, reason: 'bad_signature' };
    const expected = mangoSign(key, form['json'] ?? '', apiSalt);
    if (!sameSecret((form['sign'] ?? '').trim().toLowerCase(), expected)) return { ok: false, reason: 'bad_signature' };
    return { ok: true };
  },

  read(request: WebhookRequest): Reading {
    return readSafely(() => {
      const notification = notificationOf(request.url);
      // Other notifications (and the console's connection check) are taken in whatever they carry.
      if (notification !== undefined && notification !== 'events/summary')
        return { kind: 'ignored', reason: 'nothing_to_score', params: { notification } };
      const json = jsonObject(formFields(request.rawBody)['json'], 'json');
      if (notification === undefined && !('entry_result' in json && 'end_time' in json))
        return { kind: 'ignored', reason: 'nothing_to_score', params: { notification: 'unknown' } };
      return readSummary(json);
    });
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

/** The `sign` Mango computes: SHA-256 of key + json + salt, hex. */
export function mangoSign(apiKey: string, json: string, apiSalt: string): string {
  return createHash('sha256')
    .update(apiKey + json + apiSalt, 'utf8')
    .digest('hex');
}

/** The notification's name Mango appended to the webhook URL (`events/summary`, `events/call`, `ping`, ...), if any. */
function notificationOf(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
  const m = /\/((?:events|result)\/[a-z_/]+?|ping)\/?$/i.exec(path);
  return m?.[1]?.toLowerCase();
}

const DIRECTIONS: Record<string, Direction | 'internal'> = { '0': 'internal', '1': 'in', '2': 'out' };

/** The call summary (§3.1.6): one per call (`entry_id`), after it ends. */
function readSummary(json: Record<string, unknown>): Reading {
  const entryId = requiredText(json['entry_id'], 'json.entry_id');
  const direction = DIRECTIONS[optionalText(json['call_direction']) ?? ''];
  if (direction === undefined) throw new MalformedField('json.call_direction', 'must be 0, 1 or 2');
  const from = isRecord(json['from']) ? json['from'] : {};
  const to = isRecord(json['to']) ? json['to'] : {};
  const startedAt = unixTime(json['create_time'], 'json.create_time');
  const talkTime = requiredText(json['talk_time'], 'json.talk_time');
  const answered = talkTime !== '0';
  const endedAt = unixTime(json['end_time'], 'json.end_time');
  if (direction === 'internal') return { kind: 'ignored', reason: 'nothing_to_score', params: { direction: 'internal' } };
  // The answering side is the employee: the callee of an incoming call, the caller of an outgoing one.
  const employee = direction === 'in' ? to : from;
  const client = direction === 'in' ? from : to;
  const ext = optionalText(employee['extension']);
  const phone = optionalText(client['number']);
  if (!answered) {
    const summary = callSummary({ direction, externalUser: ext, talkSec: 0, phone });
    return { kind: 'ignored', reason: 'not_answered', params: { entry_result: optionalText(json['entry_result']) ?? '' }, summary };
  }
  const answeredAt = unixTime(talkTime, 'json.talk_time');
  return callReading({
    system: 'mango',
    key: entryId,
    direction,
    startedAt,
    externalUser: ext,
    externalUserField: direction === 'in' ? 'json.to.extension' : 'json.from.extension',
    talkSec: Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)),
    phone,
  });
}
