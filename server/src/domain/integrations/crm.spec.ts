import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reading, WebhookRequest } from './adapter.js';
import { amocrm } from './amocrm.js';
import { bitrix24 } from './bitrix24.js';
import { hubspot, hubspotSignature, hubspotSignedUri } from './hubspot.js';
import { pipedrive } from './pipedrive.js';

// Bodies exactly as the systems send them (test/fixtures/integrations, docs/integrations/crm.md says
// where each comes from); headers beside them where they matter.
const FIXTURES = new URL('../../../../test/fixtures/integrations/', import.meta.url);
const fixture = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');

interface RecordedRequest {
  method: string;
  url?: string;
  receivedAt?: string;
  settings: Record<string, string>;
  headers: Record<string, string>;
}
const recorded = (path: string): RecordedRequest => JSON.parse(fixture(path)) as RecordedRequest;

function request(rawBody: string, over: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: {},
    rawBody,
    url: 'https://conveyor.example.com/api/hooks/k',
    receivedAt: new Date('2026-01-01T10:00:06.000Z'),
    ...over,
  };
}

function candidatesOf(reading: Reading) {
  if (reading.kind !== 'candidates') throw new Error(`expected candidates, got ${JSON.stringify(reading)}`);
  return reading.candidates;
}

describe('amoCRM', () => {
  const settings = { statusMap: { '142': 'contract.signed' } };

  it('takes every webhook: amoCRM does not sign them, the URL key is the credential', () => {
    expect(amocrm.verify(request(fixture('amocrm/lead-status.form')), settings)).toEqual({ ok: true });
  });

  it('reads a lead reaching a status (leads[status])', () => {
    const reading = amocrm.read(request(fixture('amocrm/lead-status.form')), settings);
    expect(candidatesOf(reading)).toEqual([
      {
        id: 'amocrm:lead:25399013:status:142',
        status: { id: '142' },
        occurredAt: '2026-01-01T10:00:00.000Z',
        externalUser: '504141',
        clientId: 'amocrm:lead:25399013',
        clientName: 'ООО «Ромашка»: поставка',
        amount: 125000,
      },
    ]);
    expect(reading.kind === 'candidates' && reading.summary).toEqual({
      lead: 'ООО «Ромашка»: поставка',
      status: '142',
      from: '7039101',
      pipeline: '3398029',
      user: '504141',
      account: 'test',
    });
  });

  it('reads a status change that comes as leads[update] with an old_status_id', () => {
    const [candidate] = candidatesOf(amocrm.read(request(fixture('amocrm/lead-update-status.form')), settings));
    expect(candidate).toMatchObject({ id: 'amocrm:lead:25399013:status:7039104', status: { id: '7039104' } });
  });

  it('ignores a lead edited without a status change', () => {
    expect(amocrm.read(request(fixture('amocrm/lead-update-no-status.form')), settings)).toEqual({
      kind: 'ignored',
      reason: 'nothing_to_score',
      summary: { leads: 'update', account: 'test' },
    });
  });

  it('reads a call note (note_type 11) with its DURATION as a call', () => {
    expect(candidatesOf(amocrm.read(request(fixture('amocrm/note-call.form')), settings))).toEqual([
      {
        id: 'amocrm:call:213313359',
        type: 'call',
        occurredAt: '2026-01-01T10:05:00.000Z',
        durationSec: 187,
        externalUser: '504141',
        clientId: 'amocrm:lead:25399013',
      },
    ]);
  });

  it('reads the same delivery the same way every time (a replay)', () => {
    const body = fixture('amocrm/lead-status.form');
    expect(amocrm.read(request(body), settings)).toEqual(amocrm.read(request(body), settings));
  });

  it('names what is malformed', () => {
    expect(amocrm.read(request(''), settings)).toEqual({ kind: 'malformed', field: 'body', reason: 'is empty' });
    expect(amocrm.read(request('leads[status][0][status_id]=142'), settings)).toMatchObject({
      kind: 'malformed',
      field: 'leads[status][0][id]',
    });
    expect(amocrm.read(request('leads[status][0][id]=5&leads[status][0][status_id]=142'), settings)).toMatchObject({
      kind: 'malformed',
      field: 'leads[status][0][last_modified]',
    });
    expect(amocrm.rejected('leads[status][0][id]', 'must be a lead id').status).toBe(400);
  });
});

describe('Bitrix24', () => {
  const settings = { applicationToken: '51856fefc120afa4b628cc82d3935cce', restUrl: 'https://some-domain.bitrix24.com/rest/1/x/' };
  const dealUpdate = fixture('bitrix24/deal-update.form');
  const dealAnswer = JSON.parse(fixture('bitrix24/crm.deal.get.json')) as { result: Record<string, string> };

  it('checks auth[application_token] against the outgoing webhook token', () => {
    expect(bitrix24.verify(request(dealUpdate), settings)).toEqual({ ok: true });
    expect(bitrix24.verify(request(dealUpdate), { ...settings, applicationToken: 'another-token' })).toEqual({
      ok: false,
      reason: 'bad_token',
    });
    expect(bitrix24.verify(request(dealUpdate.replace(/application_token%5D=[^&]*/, 'application_token%5D=')), settings)).toEqual({
      ok: false,
      reason: 'bad_token',
    });
    expect(bitrix24.verify(request('event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=410'), settings)).toEqual({
      ok: false,
      reason: 'bad_token',
    });
  });

  it('asks for crm.deal.get with the deal id, then reads the deal', () => {
    expect(bitrix24.read(request(dealUpdate), settings)).toEqual({
      kind: 'lookup',
      lookups: [{ method: 'crm.deal.get', params: { id: '410' } }],
      summary: { event: 'ONCRMDEALUPDATE', deal: '410' },
    });
    // The documentation's answer: a deal in euros has no amount in roubles.
    expect(candidatesOf(bitrix24.afterLookup!(request(dealUpdate), settings, [dealAnswer]))).toEqual([
      {
        id: 'bitrix24:deal:410:stage:PREPARATION',
        status: { id: 'PREPARATION' },
        occurredAt: '2024-08-30T12:29:00.000Z',
        externalUser: '1',
        clientId: 'bitrix24:company:9',
        clientName: 'New Deal #1',
      },
    ]);
  });

  it('takes a rouble amount and a funnel stage as Bitrix24 names it', () => {
    const won = { ...dealAnswer, result: { ...dealAnswer.result, STAGE_ID: 'C2:WON', CURRENCY_ID: 'RUB', OPPORTUNITY: '250000.50' } };
    const [candidate] = candidatesOf(bitrix24.afterLookup!(request(dealUpdate), settings, [won]));
    expect(candidate).toMatchObject({ id: 'bitrix24:deal:410:stage:C2:WON', status: { id: 'C2:WON' }, amount: 250000.5 });
  });

  it('refuses an answer about another deal, or an error answer', () => {
    const other = { ...dealAnswer, result: { ...dealAnswer.result, ID: '759' } };
    expect(bitrix24.afterLookup!(request(dealUpdate), settings, [other])).toMatchObject({ kind: 'malformed', field: 'result[ID]' });
    expect(bitrix24.afterLookup!(request(dealUpdate), settings, [{ error: 'NOT_FOUND', error_description: 'Not found' }])).toEqual({
      kind: 'malformed',
      field: 'result',
      reason: 'crm.deal.get answered NOT_FOUND: Not found',
    });
  });

  it('reads an answered call from ONVOXIMPLANTCALLEND', () => {
    const body = fixture('bitrix24/call-end-answered.form');
    expect(candidatesOf(bitrix24.read(request(body), settings))).toEqual([
      {
        id: 'bitrix24:call:externalCall.9f1e2d3c4b5a69788796a5b4c3d2e1f0.1773240000',
        type: 'call',
        occurredAt: '2026-03-11T14:40:00.000Z',
        durationSec: 95,
        externalUser: '1269',
      },
    ]);
  });

  it('ignores the documentation example: a canceled call of 0 seconds', () => {
    expect(bitrix24.read(request(fixture('bitrix24/call-end-missed.form')), settings)).toMatchObject({
      kind: 'ignored',
      reason: 'not_answered',
      params: { code: '304', why: 'Call canceled' },
    });
  });

  it('ignores other events and names a malformed one', () => {
    expect(bitrix24.read(request('event=ONCRMCONTACTUPDATE&data%5BFIELDS%5D%5BID%5D=5'), settings)).toMatchObject({
      kind: 'ignored',
      reason: 'nothing_to_score',
    });
    expect(bitrix24.read(request('event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=abc'), settings)).toEqual({
      kind: 'malformed',
      field: 'data[FIELDS][ID]',
      reason: 'must be a deal id',
    });
    expect(bitrix24.read(request('data%5BFIELDS%5D%5BID%5D=5'), settings)).toMatchObject({ kind: 'malformed', field: 'event' });
  });
});

describe('HubSpot', () => {
  const stage = recorded('hubspot/deal-stage.request.json');
  const stageBody = fixture('hubspot/deal-stage.txt');
  const hubRequest = (rawBody: string, r: RecordedRequest, over: Partial<WebhookRequest> = {}) =>
    request(rawBody, { method: r.method, url: r.url!, headers: r.headers, receivedAt: new Date(r.receivedAt!), ...over });

  it('signs as the official SDK does (its published test vector)', () => {
    // HubSpot/hubspot-api-python tests/spec/utils/test_signature.py, test_get_signature__v3.
    expect(
      hubspotSignature(
        'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy',
        'POST',
        'https://www.example.com/webhook_uri',
        "{'example_field':'example_value'}",
        '1693657560000',
      ),
    ).toBe('K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=');
  });

  it('decodes only the escapes HubSpot lists in the signed URI', () => {
    expect(hubspotSignedUri('https://x.example/a%3Ab%2Fc?q=%40%21%24%27%28%29%2a%2C%3B&s=a%20b%26c%3Dd')).toBe(
      "https://x.example/a:b/c?q=@!$'()*,;&s=a%20b%26c%3Dd",
    );
  });

  it('verifies X-HubSpot-Signature-v3 over method, URI, body and timestamp', () => {
    expect(hubspot.verify(hubRequest(stageBody, stage), stage.settings)).toEqual({ ok: true });
    expect(hubspot.verify(hubRequest(stageBody, stage), { clientSecret: 'another-secret' })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const tampered = stageBody.replace('"125000"', '"1250000"');
    expect(hubspot.verify(hubRequest(tampered, stage), stage.settings)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(hubspot.verify(hubRequest(stageBody, stage, { url: `${stage.url}x` }), stage.settings)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const unsigned = Object.fromEntries(Object.entries(stage.headers).filter(([name]) => name !== 'x-hubspot-signature-v3'));
    expect(hubspot.verify(hubRequest(stageBody, stage, { headers: unsigned }), stage.settings)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a timestamp more than 5 minutes from when it was received', () => {
    const at = (ms: number) =>
      hubRequest(stageBody, stage, { receivedAt: new Date(Number(stage.headers['x-hubspot-request-timestamp']) + ms) });
    expect(hubspot.verify(at(300_000), stage.settings)).toEqual({ ok: true });
    expect(hubspot.verify(at(300_001), stage.settings)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(hubspot.verify(at(-300_001), stage.settings)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  it('reads a deal stage change with the owner, amount and name changed in the same batch', () => {
    expect(hubspot.read(hubRequest(stageBody, stage), stage.settings)).toEqual({
      kind: 'candidates',
      candidates: [
        {
          id: 'hubspot:deal:1246965:stage:closedwon',
          status: { id: 'closedwon' },
          occurredAt: '2026-01-01T10:00:00.000Z',
          externalUser: '52550153',
          clientId: 'hubspot:deal:1246965',
          clientName: 'Romashka LLC: supply',
          amount: 125000,
        },
      ],
      summary: { deal: 'Romashka LLC: supply', stage: 'closedwon', user: '52550153' },
    });
  });

  it('looks the deal up when the batch does not name its owner, and keeps the stage and time of the event', () => {
    const only = recorded('hubspot/deal-stage-only.request.json');
    const body = fixture('hubspot/deal-stage-only.txt');
    expect(hubspot.verify(hubRequest(body, only), only.settings)).toEqual({ ok: true });
    expect(hubspot.read(hubRequest(body, only), only.settings)).toEqual({
      kind: 'lookup',
      lookups: [
        { method: 'crm.objects.deals.get', params: { id: '1246965', properties: 'dealname,amount,deal_currency_code,hubspot_owner_id' } },
      ],
      summary: { deals: '1246965', events: 1 },
    });
    const answer: unknown = JSON.parse(fixture('hubspot/deal-lookup.json'));
    expect(candidatesOf(hubspot.afterLookup!(hubRequest(body, only), only.settings, [answer]))).toEqual([
      {
        id: 'hubspot:deal:1246965:stage:appointmentscheduled',
        status: { id: 'appointmentscheduled' },
        occurredAt: '2026-01-01T10:00:00.000Z',
        externalUser: '52550153',
        clientId: 'hubspot:deal:1246965',
        clientName: 'Romashka LLC: supply',
        amount: 98000,
      },
    ]);
    expect(hubspot.afterLookup!(hubRequest(body, only), only.settings, [{ id: '77', properties: {} }])).toMatchObject({
      kind: 'malformed',
      field: 'lookup[0].id',
    });
  });

  it('ignores a batch without a stage change, and names a malformed one', () => {
    const ownerOnly = JSON.stringify([
      {
        objectId: 5,
        propertyName: 'hubspot_owner_id',
        propertyValue: '7',
        occurredAt: 1767261600000,
        subscriptionType: 'deal.propertyChange',
      },
      { objectId: 6, occurredAt: 1767261600000, subscriptionType: 'contact.creation' },
    ]);
    expect(hubspot.read(request(ownerOnly), {})).toEqual({ kind: 'ignored', reason: 'nothing_to_score', summary: { events: 2 } });
    expect(hubspot.read(request('{'), {})).toEqual({ kind: 'malformed', field: 'body', reason: 'is not JSON' });
    expect(hubspot.read(request('[{"subscriptionType":"deal.propertyChange","propertyName":"dealstage"}]'), {})).toMatchObject({
      kind: 'malformed',
      field: '[0].objectId',
    });
  });
});

describe('Pipedrive', () => {
  const r = recorded('pipedrive/request.json');
  const pdRequest = (rawBody: string, headers: Record<string, string> = r.headers) => request(rawBody, { headers });

  it('checks the HTTP Basic credentials the webhook was made with', () => {
    const body = fixture('pipedrive/deal-stage-v2.txt');
    expect(pipedrive.verify(pdRequest(body), r.settings)).toEqual({ ok: true });
    expect(pipedrive.verify(pdRequest(body), { ...r.settings, password: 'other' })).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(pipedrive.verify(pdRequest(body), { ...r.settings, username: 'other' })).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(pipedrive.verify(pdRequest(body, { 'content-type': 'application/json' }), r.settings)).toEqual({
      ok: false,
      reason: 'bad_credentials',
    });
  });

  it('reads a v2 deal moved to another stage', () => {
    expect(pipedrive.read(pdRequest(fixture('pipedrive/deal-stage-v2.txt')), r.settings)).toEqual({
      kind: 'candidates',
      candidates: [
        {
          id: 'pipedrive:deal:1:stage:2',
          status: { id: '2' },
          occurredAt: '2026-01-01T10:00:00.000Z',
          externalUser: '123123',
          clientId: 'pipedrive:org:7',
          clientName: 'Romashka LLC: supply',
          amount: 125000,
        },
      ],
      summary: { deal: 'Romashka LLC: supply', stage: '2', status: 'open', user: '123123' },
    });
  });

  it('reads a v2 deal won while moved: the stage and the won status', () => {
    const candidates = candidatesOf(pipedrive.read(pdRequest(fixture('pipedrive/deal-won-v2.txt')), r.settings));
    expect(candidates.map((c) => [c.id, c.status?.id, c.occurredAt])).toEqual([
      ['pipedrive:deal:1:stage:5', '5', '2026-01-02T08:30:00.000Z'],
      ['pipedrive:deal:1:status:won', 'won', '2026-01-02T08:30:00.000Z'],
    ]);
  });

  it('reads a v1 deal marked won (times in UTC without a zone)', () => {
    expect(candidatesOf(pipedrive.read(pdRequest(fixture('pipedrive/deal-won-v1.txt')), r.settings))).toEqual([
      {
        id: 'pipedrive:deal:21:status:won',
        status: { id: 'won' },
        occurredAt: '2026-01-02T08:30:00.000Z',
        externalUser: '867597',
        clientId: 'pipedrive:org:55',
        clientName: 'Lily Ltd',
        amount: 17500.5,
      },
    ]);
  });

  it('ignores a deal edited without a stage or status change', () => {
    expect(pipedrive.read(pdRequest(fixture('pipedrive/deal-title-v2.txt')), r.settings)).toMatchObject({
      kind: 'ignored',
      reason: 'nothing_to_score',
    });
  });

  it('reads a call activity marked done, with its logged duration', () => {
    expect(candidatesOf(pipedrive.read(pdRequest(fixture('pipedrive/activity-call-v2.txt')), r.settings))).toEqual([
      {
        id: 'pipedrive:activity:88',
        type: 'call',
        occurredAt: '2026-01-01T11:00:00.000Z',
        durationSec: 450,
        externalUser: '123123',
        clientId: 'pipedrive:org:7',
      },
    ]);
  });

  it('names what is malformed', () => {
    expect(pipedrive.read(pdRequest('[]'), r.settings)).toEqual({ kind: 'malformed', field: 'body', reason: 'must be a JSON object' });
    expect(pipedrive.read(pdRequest('{"data":{}}'), r.settings)).toEqual({ kind: 'malformed', field: 'meta', reason: 'is missing' });
    expect(
      pipedrive.read(pdRequest('{"meta":{"version":"2.0","entity":"deal","action":"change"},"data":{"title":"x"}}'), r.settings),
    ).toEqual({
      kind: 'malformed',
      field: 'data.id',
      reason: 'must be a deal id',
    });
  });
});

describe('every CRM adapter', () => {
  it('cuts a client name longer than events take (200 characters) instead of losing the event', () => {
    const long = 'Ромашка '.repeat(40);
    const body = `leads[status][0][id]=7&leads[status][0][status_id]=142&leads[status][0][last_modified]=1767261600&leads[status][0][name]=${encodeURIComponent(long)}`;
    const [candidate] = candidatesOf(amocrm.read(request(body), {}));
    expect([...candidate!.clientName!]).toHaveLength(200);
    expect(candidate!.clientName!.endsWith('…')).toBe(true);
  });

  it('turns an id longer than events take (128) into a hash of it, the same every time', () => {
    const stage = 'x'.repeat(130);
    const batch = JSON.stringify([
      { objectId: 9, propertyName: 'dealstage', propertyValue: stage, occurredAt: 1767261600000, subscriptionType: 'deal.propertyChange' },
      {
        objectId: 9,
        propertyName: 'hubspot_owner_id',
        propertyValue: '7',
        occurredAt: 1767261600000,
        subscriptionType: 'deal.propertyChange',
      },
    ]);
    const [candidate] = candidatesOf(hubspot.read(request(batch), {}));
    expect(candidate!.id).toMatch(/^hubspot:sha256:[0-9a-f]{64}$/);
    expect(candidatesOf(hubspot.read(request(batch), {}))[0]!.id).toBe(candidate!.id);
    expect(candidate!.status).toEqual({ id: stage });
  });

  it("reads HubSpot's newer object.propertyChange for a deal (objectTypeId 0-3) like deal.propertyChange", () => {
    const batch = JSON.stringify(
      ['dealstage:closedwon', 'hubspot_owner_id:7'].map((change) => ({
        objectId: 9,
        objectTypeId: '0-3',
        propertyName: change.split(':')[0],
        propertyValue: change.split(':')[1],
        occurredAt: 1767261600000,
        subscriptionType: 'object.propertyChange',
      })),
    );
    expect(candidatesOf(hubspot.read(request(batch), {}))).toMatchObject([{ id: 'hubspot:deal:9:stage:closedwon', externalUser: '7' }]);
  });

  it('answers 200 JSON to a delivery and 400 naming the field to a malformed one', () => {
    for (const adapter of [amocrm, bitrix24, hubspot, pipedrive]) {
      expect(adapter.accepted).toEqual({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
      const rejected = adapter.rejected('body', 'is not JSON');
      expect(rejected.status).toBe(400);
      expect(JSON.parse(rejected.body)).toMatchObject({
        code: 'integration.malformed',
        errors: [{ field: 'body', reason: 'is not JSON' }],
      });
    }
  });
});
