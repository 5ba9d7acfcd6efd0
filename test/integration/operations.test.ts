import type { ApiError, CreatedToken, EventsPage, IngestResult, Liveness, Readiness } from '@conveyor/shared';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import { LiveClient } from '../helpers/live.js';
import type { RunningServer } from '../helpers/server.js';

const METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice({ ...MANUAL_CLOCK, METRICS_TOKEN, LOG_FORMAT: 'json', LOG_LEVEL: 'log' }));
});
afterAll(() => server?.dispose());

async function get(path: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

/** The value of one sample of the Prometheus text, 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

const call = (id: string, minutes: number): unknown => ({
  id,
  type: 'call',
  occurredAt: testTime(-minutes * 60_000),
  employeeId: 'tm1',
  durationSec: 60,
  outcome: 'success',
});

describe('probes', () => {
  it('answers liveness without the database, and readiness after SELECT 1 and the migrations', async () => {
    const live = await get('/api/health/live');
    expect(live.status).toBe(200);
    expect((await live.json()) as Liveness).toEqual({ status: 'ok' });
    const ready = await get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect((await ready.json()) as Readiness).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', redis: 'off' } });
    // The old health answer stays as it was.
    expect((await (await get('/api/health')).json()) as object).toMatchObject({ status: 'ok', database: expect.any(String) as string });
  });
});

describe('metrics', () => {
  it('are read by managers and the scrape token only', async () => {
    const display = (await api.request<CreatedToken>('POST', '/tokens', { kind: 'display', name: 'Hall TV' })).body;
    const integration = (await api.request<CreatedToken>('POST', '/tokens', { kind: 'integration', name: 'CRM' })).body;
    const anonymous = await get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as ApiError).code).toBe('auth.required');
    expect((await get('/metrics', 'not-a-token-of-this-office')).status).toBe(401);
    expect((await get('/metrics', display.token)).status).toBe(403);
    expect((await get('/metrics', integration.token)).status).toBe(403);
    expect((await get('/metrics', server.adminToken)).status).toBe(200);
    const scrape = await get('/metrics', METRICS_TOKEN);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    // The scrape token opens nothing else.
    expect((await get('/api/standings?board=teams', METRICS_TOKEN)).status).toBe(401);
  });

  it('count events taken in (a retry once), ingest latency, live sockets, answers by class and the event loop', async () => {
    const before = await (await get('/metrics', METRICS_TOKEN)).text();
    const batch = [call('m-1', 10), call('m-2', 9), call('m-3', 8)];
    expect((await api.postEvents(batch)).status).toBe(200);
    expect((await api.postEvents(batch)).status).toBe(200); // a retry: the same ids, counted once
    expect((await api.postEvents({ id: 'm-bad' })).status).toBe(400);
    const live = new LiveClient(server.url, server.displayToken);
    await live.connected();
    const after = await (await get('/metrics', METRICS_TOKEN)).text();
    live.close();

    const delta = (name: string): number => sample(after, name) - sample(before, name);
    expect(delta('conveyor_events_ingested_total{source="api"}')).toBe(3);
    expect(delta('conveyor_ingest_duration_seconds_count{source="api"}')).toBe(2);
    expect(sample(after, 'conveyor_live_sockets')).toBe(1);
    expect(delta('conveyor_http_requests_total{status="2xx"}')).toBeGreaterThanOrEqual(2);
    expect(delta('conveyor_http_requests_total{status="4xx"}')).toBe(1);
    expect(after).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(after).toMatch(/^process_resident_memory_bytes \d/m);
  });
});

describe('structured logs', () => {
  it('print one JSON object per line, naming the request a line was written for', async () => {
    await get('/api/standings?board=teams', undefined, { 'x-request-id': 'proxy-req-4711' });
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '');
    // Node's own process warnings (e.g. a driver's deprecation) are Node's, written around the logger.
    expect(lines.filter((l) => l.startsWith('[Nest]'))).toEqual([]);
    const parsed = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.find((l) => l.context === 'Conveyor')).toMatchObject({
      level: 'log',
      message: expect.stringContaining('Conveyor listening on http://') as string,
    });
    expect(parsed.find((l) => l.requestId === 'proxy-req-4711')).toMatchObject({
      level: 'warn',
      context: 'Auth',
      message: expect.stringContaining('refused GET /api/standings') as string,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    // The addresses carrying tokens are not in collected logs.
    expect(server.output()).not.toContain(server.displayToken);
  });
});

describe.skipIf(process.env.TEST_DATABASE_URL)('the SQLite file locked by another process', () => {
  it('answers 503 db.unavailable with a code, never a 500, and keeps what it acknowledged', async () => {
    expect((await api.postEvents([call('lock-1', 7)])).status).toBe(200);
    const sqlite3 = (await import('sqlite3')).default;
    const other = new sqlite3.Database(join(server.dataDir, 'conveyor.db'));
    const exec = (sql: string): Promise<void> => new Promise((resolve, reject) => other.exec(sql, (e) => (e ? reject(e) : resolve())));
    await exec('PRAGMA busy_timeout = 10000; BEGIN EXCLUSIVE');
    try {
      const refused = await fetch(`${server.url}/api/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify([call('lock-2', 6)]),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(((await refused.json()) as ApiError).code).toBe('db.unavailable');
    } finally {
      await exec('ROLLBACK');
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
    // The sender retries under the same id: taken in once.
    const retried = await api.postEvents([call('lock-2', 6)]);
    expect(retried.status).toBe(200);
    expect((retried.body as IngestResult).events.map((e) => e.id)).toEqual(['lock-2']);
    const stored = await api.request<EventsPage>('GET', '/events?employeeId=tm1&limit=200');
    expect(stored.body.events.map((e) => e.id)).toEqual(expect.arrayContaining(['lock-1', 'lock-2']) as string[]);
    const metrics = await (await get('/metrics', METRICS_TOKEN)).text();
    expect(sample(metrics, 'conveyor_database_unavailable_total')).toBeGreaterThanOrEqual(1);
  });
});
