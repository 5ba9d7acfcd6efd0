import { createHmac } from 'node:crypto';
import { badRequest, JSON_OK, type Adapter, type Reading, type Settings, type Verdict, type WebhookRequest } from './adapter.js';
import {
  callReading,
  callSummary,
  formFields,
  MalformedField,
  moscowTime,
  optionalText,
  readSafely,
  requiredText,
  sameSecret,
  wholeSeconds,
  type Direction,
} from './forms.js';

/**
 * Zadarma PBX call notifications (zadarma.com/support/api, "Webhooks"; the official SDKs
 * zadarma/user-api-v1 lib/Webhook/*.php and zadarma/user-api-typescript src/Webhook.ts).
 *
 * Setting the notification URL, Zadarma checks it with `GET <url>?zd_echo=<random>` and expects
 * the random text back as the body: a handshake, answered and not stored.
 *
 * Each notification is a form POST with `event` and a `Signature` header: base64 of the HMAC-SHA1
 * of some of its fields, concatenated, with the API secret. The PHP library (and the website's
 * example) base64-encodes the hex digest; the TypeScript library the raw digest; both need the
 * secret and both are accepted. Only those fields are signed: `duration`, `disposition` and
 * `internal` of `NOTIFY_END` are not, so the URL key still guards them.
 *
 * `NOTIFY_END` (an incoming call ended) and `NOTIFY_OUT_END` (an outgoing one) are scored when
 * `disposition` is `answered` and `duration` > 0; the other notifications are taken in and ignored.
 * `call_start` is wall-clock time without a zone, read as Moscow time.
 */
export const zadarma: Adapter = {
  system: 'zadarma',

  verify(request: WebhookRequest, settings: Settings): Verdict {
    if (isEcho(request)) return { ok: true };
    const secret = settings['apiSecret'];
    const given = request.headers['signature']?.trim() ?? '';
    const form = formFields(request.rawBody);
    const fields = SIGNED_FIELDS[form['event'] ?? ''];
    if (typeof secret !== 'string' || given === '' || fields === undefined) return { ok: false, reason: 'bad_signature' };
    const signed = fields.map((name) => form[name] ?? '').join('');
    const ok = zadarmaSignatures(signed, secret).some((expected) => sameSecret(given, expected));
    return ok ? { ok: true } : { ok: false, reason: 'bad_signature' };
  },

  read(request: WebhookRequest): Reading {
    const echo = request.query['zd_echo'];
    if (isEcho(request) && echo !== undefined) return { kind: 'handshake', reply: { status: 200, contentType: 'text/plain', body: echo } };
    return readSafely(() => {
      const form = formFields(request.rawBody);
      const event = requiredText(form['event'], 'event');
      const direction = ENDS[event];
      if (direction === undefined) return { kind: 'ignored', reason: 'nothing_to_score', params: { event } };
      return readEnd(form, direction);
    });
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

/** The fields each notification signs, in order (PHP library `getSignatureString()`). */
const SIGNED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
  NOTIFY_IVR: ['caller_id', 'called_did', 'call_start'],
};

/** The `Signature` values Zadarma's libraries compute: base64 of the hex digest (PHP, documented), base64 of the raw digest (TypeScript). */
export function zadarmaSignatures(signed: string, secret: string): [string, string] {
  const hmac = () => createHmac('sha1', secret).update(signed, 'utf8');
  return [Buffer.from(hmac().digest('hex'), 'utf8').toString('base64'), hmac().digest('base64')];
}

/** The notifications that end a call, and the call's direction. */
const ENDS: Readonly<Record<string, Direction>> = { NOTIFY_END: 'in', NOTIFY_OUT_END: 'out' };

function isEcho(request: WebhookRequest): boolean {
  return request.method.toUpperCase() === 'GET' && request.query['zd_echo'] !== undefined;
}

function readEnd(form: Record<string, string>, direction: Direction): Reading {
  const pbxCallId = requiredText(form['pbx_call_id'], 'pbx_call_id');
  const startedAt = moscowTime(form['call_start'], 'call_start');
  const disposition = requiredText(form['disposition'], 'disposition');
  const duration = wholeSeconds(form['duration'], 'duration');
  const ext = optionalText(form['internal']);
  const phone = optionalText(direction === 'in' ? form['caller_id'] : form['destination']);
  if (disposition !== 'answered') {
    const summary = callSummary({ direction, externalUser: ext, talkSec: 0, phone });
    return { kind: 'ignored', reason: 'not_answered', params: { disposition }, summary };
  }
  if (direction === 'out' && ext === undefined) throw new MalformedField('internal', 'is required');
  return callReading({
    system: 'zadarma',
    key: pbxCallId,
    direction,
    startedAt,
    externalUser: ext,
    externalUserField: 'internal',
    talkSec: duration,
    phone,
  });
}
