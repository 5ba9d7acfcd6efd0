import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Adapter, Candidate, Reading, Settings, WebhookRequest } from './adapter.js';
import { moscowTime, phoneNumber } from './forms.js';
import { mango, mangoSign } from './mango.js';
import { sipuni } from './sipuni.js';
import { uis } from './uis.js';
import { zadarma, zadarmaSignatures } from './zadarma.js';

/**
 * The four telephony adapters against recorded samples (test/fixtures/integrations/<system>/):
 * each sample is the body exactly as the system sends it, with a `<name>.request.json` beside it
 * (method, the path the system appends, headers, query) and the connection's test settings in
 * `connection.json`. docs/integrations/telephony.md says where each format comes from.
 */

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/integrations/', import.meta.url));

interface SampleMeta {
  body: string;
  source: string;
  method: string;
  subpath: string;
  headers: Record<string, string>;
  query: Record<string, string>;
}

function read(system: string, file: string): string {
  return readFileSync(`${FIXTURES}${system}/${file}`, 'utf8');
}

function settingsOf(system: string): Settings {
  return (JSON.parse(read(system, 'connection.json')) as { settings: Settings }).settings;
}

/** A recorded sample as the server hands it to an adapter, with `over` changing parts of it. */
function sample(system: string, name: string, over: Partial<WebhookRequest> = {}): WebhookRequest {
  const meta = JSON.parse(read(system, `${name}.request.json`)) as SampleMeta;
  const query = new URLSearchParams(meta.query).toString();
  return {
    method: meta.method,
    headers: meta.headers,
    query: meta.query,
    rawBody: read(system, meta.body),
    url: `https://conveyor.example/api/hooks/k3y${meta.subpath ? `/${meta.subpath}` : ''}${query ? `?${query}` : ''}`,
    receivedAt: new Date('2026-11-27T12:00:00Z'),
    ...over,
  };
}

function candidateOf(reading: Reading): Candidate {
  if (reading.kind !== 'candidates') throw new Error(`expected candidates, read ${JSON.stringify(reading)}`);
  expect(reading.candidates).toHaveLength(1);
  return reading.candidates[0]!;
}

/** Verified, then read: what the server does with a delivery. */
function deliver(adapter: Adapter, request: WebhookRequest, settings: Settings): Reading {
  expect(adapter.verify(request, settings)).toEqual({ ok: true });
  return adapter.read(request, settings);
}

/** Changes one field of a form body, leaving the others byte for byte. */
function withField(body: string, name: string, value: string): string {
  const form = new URLSearchParams(body);
  form.set(name, value);
  return form.toString();
}

describe('Mango Office', () => {
  const settings = settingsOf('mango');
  const salt = settings['apiSalt'] as string;
  const key = settings['apiKey'] as string;

  it('signs its samples as the document says: sha256(vpbx_api_key + json + salt), hex', () => {
    for (const name of ['summary-incoming-answered', 'summary-incoming-ivr', 'summary-outgoing-answered', 'call-disconnected']) {
      const form = new URLSearchParams(sample('mango', name).rawBody);
      const json = form.get('json')!;
      expect(form.get('sign')).toBe(createHash('sha256').update(`${key}${json}${salt}`).digest('hex'));
      expect(mangoSign(key, json, salt)).toBe(form.get('sign'));
    }
  });

  it('scores the answered incoming call of the documented example: talk time from talk_time to end_time, the callee extension', () => {
    const c = candidateOf(deliver(mango, sample('mango', 'summary-incoming-answered'), settings));
    expect(c).toEqual({
      id: 'mango:232wc3e3w3s222',
      type: 'call',
      occurredAt: '2014-05-12T15:02:56.000Z', // create_time 1399906976, Unix seconds
      externalUser: '123',
      clientId: 'mango:phone:+7800123635242',
      durationSec: 10, // 1399906990 - 1399906980: ringing (create_time .. talk_time) is not counted
    });
  });

  it('scores the answered outgoing call with the caller extension; a SIP address is no client', () => {
    const reading = deliver(mango, sample('mango', 'summary-outgoing-answered'), settings);
    expect(candidateOf(reading)).toMatchObject({ externalUser: '123', durationSec: 10, clientId: 'mango:phone:+7800123456789' });
    expect(reading.kind === 'candidates' && reading.summary).toEqual({
      direction: 'out',
      ext: '123',
      talkSec: 10,
      phone: '+7800123456789',
    });
  });

  it('ignores calls nobody answered (talk_time 0), even when entry_result says 1', () => {
    expect(deliver(mango, sample('mango', 'summary-incoming-ivr'), settings)).toMatchObject({ kind: 'ignored', reason: 'not_answered' });
    expect(deliver(mango, sample('mango', 'summary-outgoing-missed'), settings)).toMatchObject({ kind: 'ignored', reason: 'not_answered' });
  });

  it('takes in other notifications (a call leg, the connection check) and scores nothing', () => {
    expect(deliver(mango, sample('mango', 'call-disconnected'), settings)).toEqual({
      kind: 'ignored',
      reason: 'nothing_to_score',
      params: { notification: 'events/call' },
    });
    const ping = sample('mango', 'call-disconnected', { url: '/api/hooks/-/ping' });
    expect(mango.read(ping, settings)).toMatchObject({ kind: 'ignored', params: { notification: 'ping' } });
  });

  it('reads the path the server stores for a replay, and a summary posted to the bare URL by its fields', () => {
    const replay = sample('mango', 'summary-incoming-answered', { url: '/api/hooks/-/events/summary' });
    expect(candidateOf(mango.read(replay, settings)).id).toBe('mango:232wc3e3w3s222');
    const bare = sample('mango', 'summary-incoming-answered', { url: 'https://conveyor.example/api/hooks/k3y' });
    expect(candidateOf(mango.read(bare, settings)).durationSec).toBe(10);
    const callOnBare = sample('mango', 'call-disconnected', { url: 'https://conveyor.example/api/hooks/k3y' });
    expect(mango.read(callOnBare, settings)).toMatchObject({ kind: 'ignored', reason: 'nothing_to_score' });
  });

  it('refuses a wrong sign, another VPBX key and a tampered json', () => {
    const request = sample('mango', 'summary-incoming-answered');
    expect(mango.verify(request, { ...settings, apiSalt: 'another-salt' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(mango.verify(request, { ...settings, apiKey: 'another-vpbx' })).toEqual({ ok: false, reason: 'bad_credentials' });
    const json = new URLSearchParams(request.rawBody).get('json')!;
    const tampered = withField(request.rawBody, 'json', json.replace('"end_time":1399906990', '"end_time":1399909990'));
    expect(mango.verify({ ...request, rawBody: tampered }, settings)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(mango.verify({ ...request, rawBody: withField(request.rawBody, 'sign', '') }, settings)).toMatchObject({ ok: false });
  });

  it('names the field of a malformed summary', () => {
    const signed = (json: string) => {
      const body = new URLSearchParams({ vpbx_api_key: key, sign: mangoSign(key, json, salt), json }).toString();
      return sample('mango', 'summary-incoming-answered', { rawBody: body });
    };
    expect(deliver(mango, signed('{not json'), settings)).toEqual({
      kind: 'malformed',
      field: 'json',
      reason: 'is not JSON',
      why: { code: 'not_json' },
    });
    expect(deliver(mango, signed('{"call_direction":1}'), settings)).toMatchObject({ kind: 'malformed', field: 'json.entry_id' });
    const noEnd = '{"entry_id":"e1","call_direction":1,"to":{"extension":"5"},"create_time":1399906976,"talk_time":1399906980}';
    expect(deliver(mango, signed(noEnd), settings)).toMatchObject({ kind: 'malformed', field: 'json.end_time' });
    const noTalk = '{"entry_id":"e1","call_direction":1,"to":{"extension":"5"},"create_time":1399906976,"end_time":1399906990}';
    expect(deliver(mango, signed(noTalk), settings)).toMatchObject({ kind: 'malformed', field: 'json.talk_time' });
    expect(mango.rejected('json', 'is not JSON').status).toBe(400);
  });

  it('scores nothing for internal calls or an answering employee without an extension', () => {
    const signed = (obj: object) => {
      const json = JSON.stringify(obj);
      return sample('mango', 'summary-incoming-answered', {
        rawBody: new URLSearchParams({ vpbx_api_key: key, sign: mangoSign(key, json, salt), json }).toString(),
      });
    };
    const base = { entry_id: 'e2', create_time: 1399906976, talk_time: 1399906980, end_time: 1399906990, entry_result: 1 };
    expect(
      deliver(mango, signed({ ...base, call_direction: 0, from: { extension: '1' }, to: { extension: '2' } }), settings),
    ).toMatchObject({
      kind: 'ignored',
      reason: 'nothing_to_score',
      params: { direction: 'internal' },
    });
    expect(
      deliver(mango, signed({ ...base, call_direction: 1, from: { number: '79001234567' }, to: { number: '79990001122' } }), settings),
    ).toMatchObject({
      kind: 'ignored',
      reason: 'nothing_to_score',
      params: { missing: 'json.to.extension' },
    });
  });
});

describe('Zadarma', () => {
  const settings = settingsOf('zadarma');
  const secret = settings['apiSecret'] as string;

  it('answers the zd_echo check with the echo, as text', () => {
    expect(deliver(zadarma, sample('zadarma', 'echo'), settings)).toEqual({
      kind: 'handshake',
      reply: { status: 200, contentType: 'text/plain', body: '7a3f9c2e51b8' },
    });
  });

  it('signs its samples as the PHP library does: base64 of the hex HMAC-SHA1 of the signed fields', () => {
    const request = sample('zadarma', 'notify-end-answered');
    const form = new URLSearchParams(request.rawBody);
    const signed = `${form.get('caller_id')}${form.get('called_did')}${form.get('call_start')}`;
    const php = Buffer.from(createHmac('sha1', secret).update(signed).digest('hex')).toString('base64');
    expect(request.headers['signature']).toBe(php);
    expect(zadarmaSignatures(signed, secret)[0]).toBe(php);
  });

  it('scores an answered incoming call: pbx_call_id, Moscow call_start, the answering extension, duration', () => {
    const c = candidateOf(deliver(zadarma, sample('zadarma', 'notify-end-answered'), settings));
    expect(c).toEqual({
      id: 'zadarma:in_4b1f7c2a9d0e6f3851a2b7c4d9e0f123',
      type: 'call',
      occurredAt: '2026-11-27T07:00:00.000Z', // 10:00:00 in Moscow
      externalUser: '101',
      clientId: 'zadarma:phone:+79001234567',
      durationSec: 42,
    });
  });

  it('scores an answered outgoing call with the calling extension; a trunk-prefix 8 number is +7', () => {
    const c = candidateOf(deliver(zadarma, sample('zadarma', 'notify-out-end-answered'), settings));
    expect(c).toMatchObject({ id: 'zadarma:out_9c2e5a7b1d3f4e6a8b0c2d4e6f8a0b1c', externalUser: '102', durationSec: 95 });
    expect(c.occurredAt).toBe('2026-11-27T08:30:05.000Z');
    expect(c.clientId).toBe('zadarma:phone:+79007654321');
  });

  it('also accepts the signature as the TypeScript library computes it (base64 of the raw digest)', () => {
    const request = sample('zadarma', 'notify-end-answered');
    const form = new URLSearchParams(request.rawBody);
    const raw = createHmac('sha1', secret)
      .update(`${form.get('caller_id')}${form.get('called_did')}${form.get('call_start')}`)
      .digest('base64');
    expect(zadarma.verify({ ...request, headers: { ...request.headers, signature: raw } }, settings)).toEqual({ ok: true });
  });

  it('ignores unanswered calls and answered ones without talk time', () => {
    expect(deliver(zadarma, sample('zadarma', 'notify-end-no-answer'), settings)).toMatchObject({
      kind: 'ignored',
      reason: 'not_answered',
      params: { disposition: 'no answer' },
    });
    const request = sample('zadarma', 'notify-end-answered');
    const zero = { ...request, rawBody: withField(request.rawBody, 'duration', '0') }; // duration is not signed
    expect(deliver(zadarma, zero, settings)).toMatchObject({ kind: 'ignored', reason: 'no_talk' });
  });

  it('takes in the other notifications and scores nothing', () => {
    expect(deliver(zadarma, sample('zadarma', 'notify-start'), settings)).toEqual({
      kind: 'ignored',
      reason: 'nothing_to_score',
      params: { event: 'NOTIFY_START' },
    });
    expect(deliver(zadarma, sample('zadarma', 'notify-record'), settings)).toMatchObject({
      kind: 'ignored',
      params: { event: 'NOTIFY_RECORD' },
    });
  });

  it('refuses a wrong signature, a missing one, another secret and a tampered signed field', () => {
    const request = sample('zadarma', 'notify-end-answered');
    expect(zadarma.verify({ ...request, headers: { ...request.headers, signature: 'AAAA' } }, settings)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(zadarma.verify({ ...request, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, settings)).toMatchObject({
      ok: false,
    });
    expect(zadarma.verify(request, { apiSecret: 'another-secret' })).toMatchObject({ ok: false });
    const tampered = { ...request, rawBody: withField(request.rawBody, 'call_start', '2026-11-26 10:00:00') };
    expect(zadarma.verify(tampered, settings)).toEqual({ ok: false, reason: 'bad_signature' });
    const unknown = { ...request, rawBody: withField(request.rawBody, 'event', 'NOTIFY_SOMETHING') };
    expect(zadarma.verify(unknown, settings)).toMatchObject({ ok: false });
    // A GET that is no echo carries no signature: refused.
    expect(zadarma.verify({ ...request, method: 'GET', rawBody: '' }, settings)).toMatchObject({ ok: false });
  });

  it('names the field of a malformed notification', () => {
    const request = sample('zadarma', 'notify-end-answered');
    const noId = { ...request, rawBody: withField(request.rawBody, 'pbx_call_id', '') };
    expect(zadarma.read(noId, settings)).toEqual({
      kind: 'malformed',
      field: 'pbx_call_id',
      reason: 'is required',
      why: { code: 'required' },
    });
    const badDuration = { ...request, rawBody: withField(request.rawBody, 'duration', 'forty') };
    expect(zadarma.read(badDuration, settings)).toMatchObject({ kind: 'malformed', field: 'duration' });
    const badStart = { ...request, rawBody: withField(request.rawBody, 'call_start', '27.11.2026 10:00') };
    expect(zadarma.read(badStart, settings)).toMatchObject({ kind: 'malformed', field: 'call_start' });
    expect(zadarma.read({ ...request, rawBody: 'x=1' }, settings)).toMatchObject({ kind: 'malformed', field: 'event' });
    expect(zadarma.rejected('event', 'is required').status).toBe(400);
  });
});

describe('Sipuni', () => {
  const settings = settingsOf('sipuni');
  const success = { status: 200, contentType: 'application/json', body: '{"success":true}' };

  it('answers {"success": true} to everything, a body not its own included', () => {
    expect(sipuni.accepted).toEqual(success);
    expect(sipuni.rejected('event', 'is required')).toEqual(success);
    expect(JSON.parse(sipuni.accepted.body)).toEqual({ success: true });
    expect(deliver(sipuni, sample('sipuni', 'not-sipuni'), settings)).toMatchObject({ kind: 'malformed', field: 'event' });
    expect(deliver(sipuni, sample('sipuni', 'not-sipuni', { rawBody: '\u0000{{{' }), settings)).toMatchObject({ kind: 'malformed' });
  });

  it('scores the hang-up of an answered incoming call sent as GET: talk time from answer to hang-up, last_called', () => {
    const c = candidateOf(deliver(sipuni, sample('sipuni', 'hangup-incoming-answered'), settings));
    expect(c).toEqual({
      id: 'sipuni:1795762800.53359',
      type: 'call',
      occurredAt: new Date(1795762800_000).toISOString(),
      externalUser: '101',
      clientId: 'sipuni:phone:+79001234567',
      durationSec: 42, // 1795762850 - 1795762808; the 8 s of ringing are not counted
    });
  });

  it('scores the hang-up of an answered outgoing call sent as POST, with the calling extension', () => {
    const c = candidateOf(deliver(sipuni, sample('sipuni', 'hangup-outgoing-answered'), settings));
    expect(c).toMatchObject({ id: 'sipuni:1795766405.53412', externalUser: '102', durationSec: 95, clientId: 'sipuni:phone:+79007654321' });
  });

  it('scores a hang-up whose answer event never came, and reads a repeated hang-up the same (one event id)', () => {
    // Only event=2 is read, so the missing event=3 changes nothing.
    const first = deliver(sipuni, sample('sipuni', 'hangup-incoming-answered'), settings);
    const again = deliver(sipuni, sample('sipuni', 'hangup-incoming-answered'), settings);
    expect(again).toEqual(first);
  });

  it('takes in the start (repeated) and answer events and scores nothing', () => {
    for (const name of ['call-started', 'call-started', 'call-answered']) {
      expect(deliver(sipuni, sample('sipuni', name), settings)).toMatchObject({ kind: 'ignored', reason: 'nothing_to_score' });
    }
  });

  it('ignores unanswered calls, answered ones without talk time, and internal ones', () => {
    expect(deliver(sipuni, sample('sipuni', 'hangup-no-answer'), settings)).toMatchObject({
      kind: 'ignored',
      reason: 'not_answered',
      params: { status: 'NOANSWER' },
    });
    const request = sample('sipuni', 'hangup-outgoing-answered');
    const instant = { ...request, rawBody: withField(request.rawBody, 'timestamp', '1795766415') };
    expect(deliver(sipuni, instant, settings)).toMatchObject({ kind: 'ignored', reason: 'no_talk' });
    const internal = { ...request, rawBody: withField(request.rawBody, 'dst_type', '2') };
    expect(deliver(sipuni, internal, settings)).toMatchObject({ kind: 'ignored', params: { direction: 'internal' } });
  });

  it('never counts ringing: an ANSWER hang-up without the answer time is malformed, not scored', () => {
    const request = sample('sipuni', 'hangup-outgoing-answered');
    const noAnswerTime = { ...request, rawBody: withField(request.rawBody, 'call_answer_timestamp', '0') };
    expect(deliver(sipuni, noAnswerTime, settings)).toMatchObject({ kind: 'malformed', field: 'call_answer_timestamp' });
  });

  it('takes last_called (the last one when it lists several), else short_dst_num / short_src_num', () => {
    const request = sample('sipuni', 'hangup-incoming-answered');
    const several = { ...request, query: { ...request.query, last_called: '103&101' } };
    expect(candidateOf(sipuni.read(several, settings)).externalUser).toBe('101');
    const noLast = { ...request, query: { ...request.query, last_called: '', short_dst_num: '104' } };
    expect(candidateOf(sipuni.read(noLast, settings)).externalUser).toBe('104');
    // An outgoing call's last_called is the calling extension too; without it, short_src_num.
    const outgoing = sample('sipuni', 'hangup-outgoing-answered');
    expect(candidateOf(sipuni.read(outgoing, settings)).externalUser).toBe('102');
    const outgoingLast = { ...outgoing, rawBody: withField(outgoing.rawBody, 'last_called', '105') };
    expect(candidateOf(sipuni.read(outgoingLast, settings)).externalUser).toBe('105');
  });

  it('verifies nothing: the URL key is the credential', () => {
    expect(sipuni.verify(sample('sipuni', 'not-sipuni'), settings)).toEqual({ ok: true });
  });
});

describe('UIS', () => {
  const settings = settingsOf('uis');

  it('scores a finished call sent with the documented template: talk_time_duration, employee_id, Moscow start_time', () => {
    const reading = deliver(uis, sample('uis', 'call-finished'), settings);
    expect(candidateOf(reading)).toEqual({
      id: 'uis:998677427',
      type: 'call',
      occurredAt: '2019-12-16T11:40:24.234Z', // 14:40:24.234 in Moscow
      externalUser: '323409',
      externalUserName: 'Ростов-на-Дону СЦ-5',
      clientId: 'uis:phone:+79508418541',
      durationSec: 12,
    });
    expect(reading.kind === 'candidates' && reading.summary).toEqual({
      direction: 'in',
      user: '323409',
      userName: 'Ростов-на-Дону СЦ-5',
      talkSec: 12,
      phone: '+79508418541',
    });
  });

  it('ignores a call without talk time', () => {
    expect(deliver(uis, sample('uis', 'lost-call'), settings)).toMatchObject({ kind: 'ignored', reason: 'no_talk' });
  });

  it('takes employee_ext when the office keys people by extension, and notification_time without start_time', () => {
    const body = JSON.parse(sample('uis', 'call-finished').rawBody) as Record<string, unknown>;
    delete body['employee_id'];
    delete body['start_time'];
    const request = sample('uis', 'call-finished', { rawBody: JSON.stringify({ ...body, employee_ext: '205' }) });
    expect(candidateOf(uis.read(request, settings))).toMatchObject({ externalUser: '205', occurredAt: '2019-12-16T11:40:47.234Z' });
  });

  it('names the field of a body that is not the template', () => {
    const base = JSON.parse(sample('uis', 'call-finished').rawBody) as Record<string, unknown>;
    const read = (body: string) => uis.read(sample('uis', 'call-finished', { rawBody: body }), settings);
    expect(read('{{call_session_id}}')).toEqual({ kind: 'malformed', field: 'body', reason: 'is not JSON', why: { code: 'not_json' } });
    expect(read('[1]')).toMatchObject({ kind: 'malformed', field: 'body' });
    expect(read(JSON.stringify({ ...base, call_session_id: null }))).toMatchObject({ kind: 'malformed', field: 'call_session_id' });
    expect(read(JSON.stringify({ ...base, talk_time_duration: '12s' }))).toMatchObject({ kind: 'malformed', field: 'talk_time_duration' });
    const { employee_id: _dropped, ...noEmployee } = base;
    expect(read(JSON.stringify(noEmployee))).toMatchObject({ kind: 'malformed', field: 'employee_id' });
    expect(read(JSON.stringify({ ...base, direction: 'sideways' }))).toMatchObject({ kind: 'malformed', field: 'direction' });
    expect(uis.rejected('body', 'is not JSON').status).toBe(400);
  });

  it('scores nothing for an answered call the template names nobody on', () => {
    const base = JSON.parse(sample('uis', 'call-finished').rawBody) as Record<string, unknown>;
    const request = sample('uis', 'call-finished', { rawBody: JSON.stringify({ ...base, employee_id: null }) });
    expect(uis.read(request, settings)).toMatchObject({ kind: 'ignored', reason: 'nothing_to_score', params: { missing: 'employee_id' } });
  });

  it('verifies nothing: the URL key is the credential', () => {
    expect(uis.verify(sample('uis', 'call-finished'), settings)).toEqual({ ok: true });
  });
});

describe('shared reading of times and numbers', () => {
  it('reads wall-clock time as Moscow time, also before Moscow left UTC+4 in October 2014', () => {
    expect(moscowTime('2026-11-27 10:00:00', 'f').toISOString()).toBe('2026-11-27T07:00:00.000Z');
    expect(moscowTime('2014-05-12 18:42:56', 'f').toISOString()).toBe('2014-05-12T14:42:56.000Z');
    expect(moscowTime('2026-11-27T10:00:00+05:00', 'f').toISOString()).toBe('2026-11-27T05:00:00.000Z');
    expect(() => moscowTime('2026-02-30 10:00:00', 'f')).toThrow();
    expect(() => moscowTime('2026-11-27 10:00:60', 'f')).toThrow();
    expect(() => moscowTime('2026-11-27', 'f')).toThrow();
  });

  it('keeps client numbers, not extensions or SIP addresses', () => {
    expect(phoneNumber('8 (900) 765-43-21')).toBe('+79007654321');
    expect(phoneNumber('+7 900 765 43 21')).toBe('+79007654321');
    expect(phoneNumber('101')).toBeUndefined();
    expect(phoneNumber('012345101')).toBeUndefined();
    expect(phoneNumber('sip:user1@xyz.mangosip.ru')).toBeUndefined();
  });

  it('reads the same request the same way every time', () => {
    const requests: [Adapter, WebhookRequest, Settings][] = [
      [mango, sample('mango', 'summary-incoming-answered'), settingsOf('mango')],
      [zadarma, sample('zadarma', 'notify-end-answered'), settingsOf('zadarma')],
      [sipuni, sample('sipuni', 'hangup-incoming-answered'), settingsOf('sipuni')],
      [uis, sample('uis', 'call-finished'), settingsOf('uis')],
    ];
    for (const [adapter, request, settings] of requests) {
      expect(adapter.read(request, settings)).toEqual(adapter.read(structuredClone(request), settings));
    }
  });
});
