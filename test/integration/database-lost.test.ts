import type { ApiError, EventsPage, Readiness } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedOffice } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

/**
 * PostgreSQL stopped under a running server (a cluster of the test's own, so it can be stopped):
 * every request that needs it answers 503 with a code, never a 500; once it is back the server
 * serves again by itself, and every event acknowledged before is there.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL lost while running', () => {
  let db: TestPostgres;
  let server: RunningServer;
  let api: Api;

  beforeAll(async () => {
    db = await startTestPostgres();
    server = await startServer({ env: { ...MANUAL_CLOCK, DATABASE_URL: db.url, METRICS_TOKEN } });
    api = new Api(server);
    await seedOffice(api);
  });
  afterAll(async () => {
    await server?.dispose();
    await db?.dispose();
  });

  const call = (id: string, i: number): unknown => ({
    id,
    type: 'call',
    occurredAt: testTime(-3_600_000 + i * 1000),
    employeeId: 'tm1',
    durationSec: 60,
    outcome: 'success',
  });

  async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: ApiError }> {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiError };
  }

  it('answers 503 db.unavailable while it is down, then serves again and has every acknowledged event', async () => {
    const acked: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.postEvents(call(`lost-${i}`, i));
      expect(res.status).toBe(200);
      acked.push(`lost-${i}`);
    }

    await db.stop();
    const answers = [
      await raw('POST', '/api/events', call('lost-during', 30)),
      await raw('POST', '/api/events', [call('lost-during-2', 31), call('lost-during-3', 32)]),
      await raw('GET', '/api/standings?board=teams'),
      await raw('GET', '/api/events?limit=5'),
      await raw('POST', '/api/teams', { id: 'team9', name: 'Team 9' }),
      await raw('GET', '/api/health/ready'),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ status: 503, body: { code: 'db.unavailable' } });
    expect((await fetch(`${server.url}/api/health/live`)).status).toBe(200);
    // Prometheus still scrapes, and sees the refusals.
    const scrape = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(await scrape.text()).toMatch(/^conveyor_database_unavailable_total [1-9]/m);
    expect(server.output()).toContain('the database does not answer');

    await db.start();
    // The pool connects again by itself: readiness says when.
    let ready: Response;
    do {
      await new Promise((r) => setTimeout(r, 100));
      ready = await fetch(`${server.url}/api/health/ready`);
    } while (ready.status === 503);
    expect((await ready.json()) as Readiness).toMatchObject({ status: 'ready' });

    // The refused event is sent again under the same id: taken in once.
    expect((await api.postEvents(call('lost-during', 30))).status).toBe(200);
    acked.push('lost-during');
    const stored = (await api.request<EventsPage>('GET', '/events?employeeId=tm1&limit=200')).body.events.map((e) => e.id);
    expect(stored.sort()).toEqual([...acked].sort());
    expect((await api.points('board=telemarketer')).tm1).toBe(acked.length);
    expect(server.output()).not.toMatch(/"statusCode":500|Internal server error/);
  }, 120_000);
});
