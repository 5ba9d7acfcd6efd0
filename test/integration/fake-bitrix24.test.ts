import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bitrix24 } from '../../server/src/domain/integrations/bitrix24.js';
import { startFakeBitrix24, type FakeBitrix24 } from '../helpers/fake-bitrix24.js';

// The fake Bitrix24 REST API that integration tests point a connection's restUrl at: it answers
// crm.deal.get from its map of deals, records the calls, and fails on request.
const dealUpdate = readFileSync(new URL('../fixtures/integrations/bitrix24/deal-update.form', import.meta.url), 'utf8');
const documented = JSON.parse(readFileSync(new URL('../fixtures/integrations/bitrix24/crm.deal.get.json', import.meta.url), 'utf8')) as {
  result: Record<string, string>;
};

let fake: FakeBitrix24;

beforeAll(async () => {
  fake = await startFakeBitrix24();
});

afterAll(async () => {
  await fake.close();
});

async function call(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(path, fake.restUrl), init);
  return { status: response.status, body: await response.json() };
}

describe('fake Bitrix24', () => {
  it('listens on loopback at an incoming-webhook URL', () => {
    expect(fake.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/1\/[a-z0-9]+\/$/);
  });

  it('answers crm.deal.get from its deals, by GET or by a POSTed form or JSON, and records each call', async () => {
    fake.deals.set('410', documented.result);
    fake.calls.length = 0;
    const get = await call('crm.deal.get.json?id=410');
    expect(get).toMatchObject({ status: 200, body: { result: documented.result } });
    expect(Object.keys(get.body as object)).toEqual(['result', 'time']);
    const form = await call('crm.deal.get.json', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'id=410',
    });
    expect(form.status).toBe(200);
    const json = await call('crm.deal.get', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ID":410}' });
    expect(json.status).toBe(200);
    expect(fake.calls).toEqual(['crm.deal.get?id=410', 'crm.deal.get?id=410', 'crm.deal.get?id=410']);
  });

  it('answers a deal as it is now: a test may move it', async () => {
    fake.deals.set('410', { ...documented.result, STAGE_ID: 'WON' });
    expect(await call('crm.deal.get.json?id=410')).toMatchObject({ status: 200, body: { result: { STAGE_ID: 'WON' } } });
  });

  it('answers errors as Bitrix24 does', async () => {
    expect(await call('crm.deal.get.json?id=999')).toEqual({ status: 400, body: { error: 'NOT_FOUND', error_description: 'Not found' } });
    expect(await call('crm.contact.get.json?id=1')).toMatchObject({ status: 404, body: { error: 'ERROR_METHOD_NOT_FOUND' } });
    const wrongCode = fake.restUrl.replace(/\/rest\/1\/[^/]+\//, '/rest/1/guessed/');
    const response = await fetch(`${wrongCode}crm.deal.get.json?id=410`);
    expect(response.status).toBe(401);
  });

  it('fails the next n calls with 503 when told, then answers again', async () => {
    fake.deals.set('410', documented.result);
    fake.calls.length = 0;
    fake.failNext(2);
    expect(await call('crm.deal.get.json?id=410')).toEqual({
      status: 503,
      body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
    });
    expect((await call('crm.deal.get.json?id=410')).status).toBe(503);
    expect((await call('crm.deal.get.json?id=410')).status).toBe(200);
    expect(fake.calls).toHaveLength(3);
  });

  it("serves the Bitrix24 adapter's lookup, as the server makes it", async () => {
    fake.deals.set('410', { ...documented.result, STAGE_ID: 'C2:WON', CURRENCY_ID: 'RUB', OPPORTUNITY: '125000.00' });
    const request = {
      method: 'POST',
      headers: {},
      query: {},
      rawBody: dealUpdate,
      url: 'https://conveyor.example.com/api/hooks/k',
      receivedAt: new Date(),
    };
    const settings = { applicationToken: '51856fefc120afa4b628cc82d3935cce', restUrl: fake.restUrl };
    const reading = bitrix24.read(request, settings);
    if (reading.kind !== 'lookup') throw new Error(`expected a lookup, got ${reading.kind}`);
    const answers: unknown[] = [];
    for (const lookup of reading.lookups) {
      const answer = await call(`${lookup.method}.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(lookup.params).toString(),
      });
      answers.push(answer.body);
    }
    expect(bitrix24.afterLookup!(request, settings, answers)).toMatchObject({
      kind: 'candidates',
      candidates: [{ id: 'bitrix24:deal:410:stage:C2:WON', status: { id: 'C2:WON' }, externalUser: '1', amount: 125000 }],
    });
  });
});
