import type { ApiError, CreatedIntegration, Delivery, DeliveryPage, Integration, VoidPreview } from '@conveyor/shared';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { startFakeBitrix24, type FakeBitrix24 } from '../helpers/fake-bitrix24.js';
import type { RunningServer } from '../helpers/server.js';

/** Later than every recorded sample (the latest is Zadarma's and Sipuni's, 27 November 2026). */
const NOW = '2026-11-30T09:00:00.000Z';
const FIXTURES = new URL('../fixtures/integrations/', import.meta.url);

let server: RunningServer;
let api: Api;
let bitrix: FakeBitrix24;

beforeAll(async () => {
  ({ server, api } = await startOffice({ CONVEYOR_CLOCK: NOW }));
  // The seeded people as each system knows them (the users of the recorded samples).
  await api.request('PATCH', '/employees/tm1', { externalIds: { mango: '123', zadarma: '101', sipuni: '101', uis: '323409' } });
  await api.request('PATCH', '/employees/sales1', {
    externalIds: { amocrm: '504141', bitrix24: '1', hubspot: '52550153', pipedrive: '123123' },
  });
  bitrix = await startFakeBitrix24();
});
afterAll(async () => {
  await bitrix?.close();
  await server?.dispose();
});

interface Sample {
  method: string;
  subpath: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: string;
}

/** A recorded sample: its body exactly as the system sends it, and the request around it. */
function sample(system: string, name: string): Sample {
  const text = (file: string): string => readFileSync(new URL(`${system}/${file}`, FIXTURES), 'utf8');
  let request: Partial<Sample> & { body?: string } = {};
  // Beside a sample: its own request file, or one for the whole folder (or none: a plain POST).
  const requestFile = [`${name}.request.json`, 'request.json'].find((f) => exists(system, f));
  if (requestFile) request = JSON.parse(text(requestFile)) as Partial<Sample>;
  const bodyFile = request.body ?? [`${name}.txt`, `${name}.form`, `${name}.json`].find((f) => exists(system, f))!;
  const body = request.method === 'GET' ? '' : text(bodyFile).replace(/\n$/, '');
  const json = bodyFile.endsWith('.json');
  return {
    method: request.method ?? 'POST',
    subpath: request.subpath ?? '',
    headers: request.headers ?? { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    query: request.query ?? {},
    body,
  };
}

function exists(system: string, file: string): boolean {
  try {
    readFileSync(new URL(`${system}/${file}`, FIXTURES));
    return true;
  } catch {
    return false;
  }
}

async function connect(system: string, settings: Record<string, unknown>, name = system): Promise<CreatedIntegration> {
  const res = await api.request<CreatedIntegration>('POST', '/integrations', { system, name, settings });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function deliver(url: string, s: Sample): Promise<{ status: number; text: string }> {
  const target = new URL(`${url}${s.subpath ? `/${s.subpath}` : ''}`);
  for (const [k, v] of Object.entries(s.query)) target.searchParams.set(k, v);
  const res = await fetch(target, { method: s.method, headers: s.headers, body: s.method === 'GET' ? undefined : s.body });
  return { status: res.status, text: await res.text() };
}

/** The inbox once nothing in it is pending: each poll awaits the server, which processes between them. */
async function settled(integrationId: string): Promise<Delivery[]> {
  // Bounded by time, not tries: a lookup retried after a failure waits its back-off (1 s).
  for (const until = Date.now() + 20_000; Date.now() < until;) {
    const page = (await api.request<DeliveryPage>('GET', `/integrations/${integrationId}/deliveries`)).body;
    if (!page.items.some((d) => d.status === 'pending')) return page.items;
  }
  throw new Error('deliveries still pending');
}

/** Points each of an event's awards gives, by person: what voiding it would take back. */
async function awardsOf(eventId: string): Promise<Record<string, number>> {
  const res = await api.request<VoidPreview>('GET', `/events/${encodeURIComponent(eventId)}/void-preview`);
  expect(res.status, `${eventId}: ${JSON.stringify(res.body)}`).toBe(200);
  const points: Record<string, number> = {};
  for (const a of res.body.awards) {
    const who = a.employeeId ?? `team:${a.teamId}`;
    points[who] = (points[who] ?? 0) - a.points;
  }
  return points;
}

const sign = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('generic: our event contract, signed', () => {
  let conn: CreatedIntegration;
  const call = (id: string, employeeId: string, at = '2026-11-30T08:00:00.000Z'): string =>
    JSON.stringify({ id, type: 'call', occurredAt: at, employeeId, durationSec: 95 });
  const post = (body: string, signature = sign(conn.secret!, body)): Promise<Response> =>
    fetch(conn.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-conveyor-signature': signature }, body });

  it('connects with a webhook URL and a secret shown once, never again', async () => {
    conn = await connect('generic', {}, 'Своя CRM');
    expect(conn).toMatchObject({ system: 'generic', name: 'Своя CRM', enabled: true, secretsSet: ['secret'] });
    expect(conn.webhookUrl).toMatch(/\/api\/hooks\/[\w-]{32}$/);
    expect(conn.secret).toMatch(/^[\w-]{32}$/);
    const listed = (await api.request<Integration[]>('GET', '/integrations')).body.find((i) => i.id === conn.id)!;
    expect(listed).not.toHaveProperty('secret');
    expect(JSON.stringify(listed)).not.toContain(conn.secret);
  });

  it('scores a signed delivery once, however often it is delivered', async () => {
    const body = call('crm-call-1', 'tm2');
    for (let i = 0; i < 3; i++) expect((await post(body)).status).toBe(200);
    const inbox = await settled(conn.id);
    expect(inbox.filter((d) => d.eventIds.includes('crm-call-1'))).toHaveLength(3);
    expect(inbox.every((d) => d.status === 'scored')).toBe(true);
    expect(await awardsOf('crm-call-1')).toEqual({ tm2: 1 });
  });

  it('refuses a bad signature with 401, keeping only the fact of it', async () => {
    const res = await post(call('forged-1', 'tm2'), sign('not-the-secret', call('forged-1', 'tm2')));
    expect(res.status).toBe(401);
    expect(((await res.json()) as ApiError).code).toBe('integration.refused');
    const [latest] = await settled(conn.id);
    expect(latest).toMatchObject({ status: 'refused', reason: 'bad_signature', eventIds: [] });
    expect((await api.request('GET', `/integrations/${conn.id}/deliveries/${latest!.id}/raw`)).body).toEqual({ contentType: '', body: '' });
    expect((await api.request('GET', '/events/forged-1/void-preview')).status).toBe(404);
  });

  it('answers 404 to an unknown key and keeps nothing', async () => {
    const before = (await settled(conn.id)).length;
    const res = await fetch(conn.webhookUrl.replace(/[\w-]{32}$/, 'x'.repeat(32)), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).code).toBe('integration.unknown_hook');
    expect(await settled(conn.id)).toHaveLength(before);
  });

  it('answers 400 to a malformed body and keeps it as ignored, with why', async () => {
    const body = JSON.stringify({ id: 'bad-1', type: 'call', occurredAt: 'yesterday', employeeId: 'tm2', durationSec: 30 });
    const res = await post(body);
    expect(res.status).toBe(400);
    const [latest] = await settled(conn.id);
    expect(latest).toMatchObject({ status: 'ignored', reason: 'malformed', params: { field: 'occurredAt', why: 'not_a_date' } });
  });

  it('parks deliveries from a user nobody is mapped to, and scores them once the user is mapped', async () => {
    await post(call('crm-call-late', 'crm-user-77', '2026-11-30T08:30:00.000Z'));
    await post(call('crm-call-early', 'crm-user-77', '2026-11-30T08:10:00.000Z'));
    const parked = (await settled(conn.id)).slice(0, 2);
    expect(parked.map((d) => [d.status, d.reason, d.unmapped])).toEqual([
      ['parked', 'user_unmapped', [{ kind: 'user', externalId: 'crm-user-77' }]],
      ['parked', 'user_unmapped', [{ kind: 'user', externalId: 'crm-user-77' }]],
    ]);
    expect((await api.request('PATCH', '/employees/tm1', { externalIds: { generic: 'crm-user-77' } })).status).toBe(200);
    const scored = (await settled(conn.id)).slice(0, 2);
    // Newest first: the early call arrived last.
    expect(scored.map((d) => [d.status, d.eventIds])).toEqual([
      ['scored', ['crm-call-early']],
      ['scored', ['crm-call-late']],
    ]);
    expect(await awardsOf('crm-call-early')).toEqual({ tm1: 1 });
  });

  it('replays a delivery through the same path: it counts once', async () => {
    const delivery = (await settled(conn.id)).find((d) => d.eventIds.includes('crm-call-1'))!;
    const replayed = await api.request<Delivery>('POST', `/integrations/${conn.id}/deliveries/${delivery.id}/replay`);
    expect(replayed).toMatchObject({ status: 200, body: { status: 'scored', eventIds: ['crm-call-1'] } });
    expect(await awardsOf('crm-call-1')).toEqual({ tm2: 1 });
    const refused = (await settled(conn.id)).find((d) => d.status === 'refused')!;
    expect((await api.request<ApiError>('POST', `/integrations/${conn.id}/deliveries/${refused.id}/replay`)).body.code).toBe(
      'delivery.not_replayable',
    );
  });

  it('rotates the URL (the old one stops) and the secret', async () => {
    const rotated = (await api.request<CreatedIntegration>('POST', `/integrations/${conn.id}/rotate`, { what: 'url' })).body;
    expect(rotated.webhookUrl).not.toBe(conn.webhookUrl);
    expect((await post(call('after-rotation', 'tm2'))).status).toBe(404);
    const withSecret = (await api.request<CreatedIntegration>('POST', `/integrations/${conn.id}/rotate`, { what: 'secret' })).body;
    conn = { ...conn, webhookUrl: rotated.webhookUrl, secret: withSecret.secret! };
    expect(withSecret.secret).toMatch(/^[\w-]{32}$/);
    expect((await post(call('after-rotation', 'tm2'))).status).toBe(200);
  });
});

describe('connections are checked', () => {
  it('refuses an unknown system and missing settings, naming the field', async () => {
    const unknown = await api.request<ApiError>('POST', '/integrations', { system: 'salesforce', name: 'x', settings: {} });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'system' }] } });
    const missing = await api.request<ApiError>('POST', '/integrations', { system: 'mango', name: 'АТС', settings: { apiKey: 'k' } });
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ field: 'settings.apiSalt' }] } });
    const badMap = await api.request<ApiError>('POST', '/integrations', {
      system: 'amocrm',
      name: 'amo',
      settings: { statusMap: { '142': 'bonus.paid' } },
    });
    expect(badMap.status).toBe(400);
    expect(badMap.body.errors[0]!.field).toBe('settings.statusMap.142');
    expect((await api.request<Integration[]>('GET', '/integrations')).body.map((i) => i.system)).not.toContain('mango');
  });

  it('keeps secrets sealed: a connection shows which are set, never their values', async () => {
    const conn = await connect('zadarma', { apiSecret: 'zadarma-secret-value' });
    expect(conn).toMatchObject({ settings: {}, secretsSet: ['apiSecret'] });
    expect(JSON.stringify(conn)).not.toContain('zadarma-secret-value');
    expect((await api.request('DELETE', `/integrations/${conn.id}`)).status).toBe(204);
  });
});

describe('each system, from a recorded sample of its webhook, through the real endpoint', () => {
  interface Case {
    system: string;
    settings: () => Record<string, unknown>;
    samples: string[];
    reply: { status: number; body?: string };
    events: Record<string, Record<string, number>>;
  }
  const cases: Case[] = [
    {
      system: 'mango',
      settings: () => ({ apiKey: 'test-vpbx-api-key-not-real', apiSalt: 'test-vpbx-api-salt-not-real' }),
      samples: ['summary-incoming-answered'],
      reply: { status: 200 },
      // A 10 s talk: a call, not a successful one.
      events: { 'mango:232wc3e3w3s222': {} },
    },
    {
      system: 'zadarma',
      settings: () => ({ apiSecret: 'test-zadarma-secret-not-real' }),
      samples: ['notify-end-answered'],
      reply: { status: 200 },
      events: { 'zadarma:in_4b1f7c2a9d0e6f3851a2b7c4d9e0f123': { tm1: 1 } },
    },
    {
      system: 'sipuni',
      settings: () => ({}),
      samples: ['hangup-incoming-answered'],
      reply: { status: 200, body: '{"success":true}' },
      events: { 'sipuni:1795762800.53359': { tm1: 1 } },
    },
    {
      system: 'uis',
      settings: () => ({}),
      samples: ['call-finished'],
      reply: { status: 200 },
      events: { 'uis:998677427': {} },
    },
    {
      system: 'amocrm',
      settings: () => ({ statusMap: { '142': 'contract.signed' } }),
      samples: ['lead-status'],
      reply: { status: 200 },
      events: { 'amocrm:lead:25399013:status:142': { sales1: 20 } },
    },
    {
      system: 'bitrix24',
      settings: () => ({
        applicationToken: '51856fefc120afa4b628cc82d3935cce',
        restUrl: bitrix.restUrl,
        statusMap: { PREPARATION: 'meeting.held' },
      }),
      samples: ['deal-update'],
      reply: { status: 200 },
      events: { 'bitrix24:deal:410:stage:PREPARATION': { sales1: 5 } },
    },
    {
      system: 'pipedrive',
      settings: () => ({ username: 'conveyor', password: 's3cret-Pa55', statusMap: { won: 'contract.signed', '5': null } }),
      samples: ['deal-won-v2'],
      reply: { status: 200 },
      events: { 'pipedrive:deal:1:status:won': { sales1: 20 } },
    },
  ];

  for (const c of cases) {
    it(`${c.system}: scores the right points, and a re-delivery counts once`, async () => {
      if (c.system === 'bitrix24') bitrix.deals.set('410', dealOf('bitrix24/crm.deal.get.json'));
      const conn = await connect(c.system, c.settings());
      for (const name of c.samples) {
        const s = sample(c.system, name);
        for (let i = 0; i < 2; i++) {
          const answer = await deliver(conn.webhookUrl, s);
          expect(answer.status, answer.text).toBe(c.reply.status);
          if (c.reply.body) expect(answer.text).toBe(c.reply.body);
        }
      }
      const inbox = await settled(conn.id);
      expect(
        inbox.map((d) => [d.status, d.reason]),
        JSON.stringify(inbox),
      ).toEqual(inbox.map(() => ['scored', null]));
      for (const [id, points] of Object.entries(c.events)) expect(await awardsOf(id)).toEqual(points);
    });
  }
});

function dealOf(file: string): Record<string, string> {
  const answer = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as { result: Record<string, unknown> };
  return Object.fromEntries(Object.entries(answer.result).map(([k, v]) => [k, v === null ? '' : String(v as string)]));
}

describe('CRM details fetched after the webhook answered', () => {
  it('bitrix24: a failed REST call is tried again, and the delivery scores', async () => {
    bitrix.deals.set('410', { ...dealOf('bitrix24/crm.deal.get.json'), STAGE_ID: 'WON' });
    const conn = await connect('bitrix24', {
      applicationToken: '51856fefc120afa4b628cc82d3935cce',
      restUrl: bitrix.restUrl,
      statusMap: { WON: 'contract.signed' },
    });
    bitrix.failNext(1);
    expect((await deliver(conn.webhookUrl, sample('bitrix24', 'deal-update'))).status).toBe(200);
    const [delivery] = await settled(conn.id);
    expect(delivery).toMatchObject({ status: 'scored', attempts: 2, eventIds: ['bitrix24:deal:410:stage:WON'] });
    expect(await awardsOf('bitrix24:deal:410:stage:WON')).toEqual({ sales1: 20 });
  });

  it('bitrix24: a wrong application token is refused', async () => {
    const conn = await connect('bitrix24', { applicationToken: 'another-portal', restUrl: bitrix.restUrl });
    expect((await deliver(conn.webhookUrl, sample('bitrix24', 'deal-update'))).status).toBe(401);
    expect((await settled(conn.id)).map((d) => [d.status, d.reason])).toEqual([['refused', 'bad_token']]);
  });

  it('hubspot: a signed stage change, its owner looked up with the private app token', async () => {
    let asked = '';
    const api2: Server = createServer((req, res) => {
      asked = `${req.url} ${req.headers.authorization}`;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: '1246965', properties: { hubspot_owner_id: '52550153', amount: '125000', dealname: 'Ромашка' } }));
    });
    await new Promise<void>((done) => api2.listen(0, '127.0.0.1', done));
    try {
      const port = (api2.address() as { port: number }).port;
      const conn = await connect('hubspot', {
        clientSecret: 'hubspot-client-secret',
        accessToken: 'pat-test-token',
        apiUrl: `http://127.0.0.1:${port}`,
        statusMap: { appointmentscheduled: 'meeting.held' },
      });
      const body = readFileSync(new URL('hubspot/deal-stage-only.txt', FIXTURES), 'utf8');
      const timestamp = String(Date.parse(NOW));
      const signature = createHmac('sha256', 'hubspot-client-secret').update(`POST${conn.webhookUrl}${body}${timestamp}`).digest('base64');
      const headers = { 'content-type': 'application/json', 'x-hubspot-request-timestamp': timestamp, 'x-hubspot-signature-v3': signature };
      expect((await fetch(conn.webhookUrl, { method: 'POST', headers, body })).status).toBe(200);
      const [delivery] = await settled(conn.id);
      expect(delivery).toMatchObject({ status: 'scored', eventIds: ['hubspot:deal:1246965:stage:appointmentscheduled'] });
      expect(asked).toBe(
        '/crm/v3/objects/deals/1246965?properties=dealname%2Camount%2Cdeal_currency_code%2Chubspot_owner_id Bearer pat-test-token',
      );
      expect(await awardsOf('hubspot:deal:1246965:stage:appointmentscheduled')).toEqual({ sales1: 5 });
      const stale = { ...headers, 'x-hubspot-request-timestamp': String(Date.parse(NOW) - 6 * 60_000) };
      expect((await fetch(conn.webhookUrl, { method: 'POST', headers: stale, body })).status).toBe(401);
    } finally {
      await new Promise((done) => api2.close(done));
    }
  });

  it('amocrm: parked until its pipeline status is mapped, then scored', async () => {
    const conn = await connect('amocrm', {});
    expect((await deliver(conn.webhookUrl, sample('amocrm', 'lead-update-status'))).status).toBe(200);
    const [parked] = await settled(conn.id);
    expect(parked).toMatchObject({ status: 'parked', reason: 'status_unmapped', unmapped: [{ kind: 'status', status: '7039104' }] });
    const patched = await api.request('PATCH', `/integrations/${conn.id}`, { settings: { statusMap: { '7039104': 'meeting.held' } } });
    expect(patched.status).toBe(200);
    const [scored] = await settled(conn.id);
    expect(scored).toMatchObject({ status: 'scored', eventIds: ['amocrm:lead:25399013:status:7039104'] });
  });
});

describe('the inbox keeps 90 days', () => {
  it('forgets deliveries received more than 90 days ago', async () => {
    const conn = (await api.request<Integration[]>('GET', '/integrations')).body.find((i) => i.system === 'generic')!;
    expect((await settled(conn.id)).length).toBeGreaterThan(0);
    await server.restart({ CONVEYOR_CLOCK: new Date(Date.parse(NOW) + 91 * 86_400_000).toISOString() });
    expect(await settled(conn.id)).toEqual([]);
  });
});
