import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Invite, Standings } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Api, seedOffice } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { dropDatabase } from '../helpers/database.js';
import { LiveClient } from '../helpers/live.js';
import { startTestRedis, type TestRedis } from '../helpers/redis.js';
import { freePort, startServer, type RunningServer } from '../helpers/server.js';

// Two instances on one database and one Redis (REDIS_URL): what one takes in reaches the sockets of
// both, with one version sequence; with Redis gone each serves its own; with Redis back, both again.
// The Redis is the test's own (it is crashed on purpose); TEST_REDIS_URL only says Redis is installed.
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

const LOST = "live updates reach this instance's sockets only";
const BACK = 'live updates cross instances again';

let redis: TestRedis;
let dataDir: string;
let a: RunningServer;
let b: RunningServer;
let apiA: Api;
let apiB: Api;
const clients: LiveClient[] = [];

let seq = 0;
const meeting = (employeeId: string) => ({
  id: `inst-${seq++}`,
  type: 'meeting.scheduled',
  occurredAt: TEST_NOW,
  employeeId,
  clientId: `inst-c-${seq}`,
});

async function post(api: Api, event: Record<string, unknown>): Promise<void> {
  const res = await api.postEvents(event);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A TV on `server`, subscribed to the teams' month. */
async function tv(server: RunningServer): Promise<LiveClient> {
  const client = new LiveClient(server.url, server.displayToken);
  clients.push(client);
  await client.connected();
  client.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
  await client.until(() => client.snapshots.length === 1 && client.momentSnapshots.length === 1);
  return client;
}

const points = (s: Standings | undefined, team: string): number | undefined => s?.rows.find((r) => r.id === team)?.points;

/** Resolves once the server has printed `line` `times` times (the bus logs each loss and return once). */
async function printed(server: RunningServer, line: string, times = 1): Promise<void> {
  await vi.waitFor(() => expect(server.output().split(line).length - 1).toBeGreaterThanOrEqual(times), { timeout: 20_000, interval: 50 });
}

describe.skipIf(!enabled)('two instances on one Redis: live', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    redis = await startTestRedis();
    dataDir = mkdtempSync(join(tmpdir(), 'conveyor-instances-live-'));
    const env = { ...MANUAL_CLOCK, REDIS_URL: redis.url, LOG_LEVEL: 'warn' };
    // One after the other: the first runs the migrations, the second finds them done.
    a = await startServer({ dataDir, env });
    b = await startServer({ dataDir, env });
    apiA = new Api(a);
    apiB = new Api(b);
    await seedOffice(apiA);
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    if (dataDir) {
      await dropDatabase(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('an event taken in by A reaches TVs on A and on B: the same consecutive versions, its awards once', async () => {
    const [onA, onB] = [await tv(a), await tv(b)];
    const start = onA.snapshots[0]!.version;
    expect(onB.snapshots[0]!.version).toBe(start);
    const before = points(onA.snapshots[0], 'team1')!;
    // A board only B's sockets watch: A has no room for it, B hears of the event from A and sends it.
    const people = new LiveClient(b.url, b.displayToken);
    clients.push(people);
    await people.connected();
    people.subscribe({ boards: [{ board: 'employees', period: 'month' }] });
    await people.until(() => people.snapshots.length === 1);
    const tm1 = points(people.snapshots[0], 'tm1')!;

    const first = meeting('tm1');
    await post(apiA, first);
    for (const c of [onA, onB]) {
      await c.until(() => points(c.latest('teams'), 'team1') === before + 15 && c.awards.some((w) => w.eventId === first.id));
    }
    await people.until(() => points(people.latest('employees'), 'tm1') === tm1 + 15);
    expect(people.updates.map((u) => u.version)).toEqual([people.snapshots[0]!.version + 1]);
    const second = meeting('tm1');
    await post(apiB, second);
    for (const c of [onA, onB]) {
      await c.until(() => points(c.latest('teams'), 'team1') === before + 30 && c.awards.some((w) => w.eventId === second.id));
    }

    // Each change went out once, by whichever instance got to the room first, to the sockets of both.
    for (const c of [onA, onB]) {
      expect(c.updates.map((u) => u.version)).toEqual(c.updates.map((_, i) => start + 1 + i));
      expect(c.awards.filter((w) => w.eventId === first.id || w.eventId === second.id)).toHaveLength(2);
    }
    expect(onB.updates).toEqual(onA.updates);
    expect(onB.awards).toEqual(onA.awards);

    // REST standings carry the version the sockets are at, on either instance.
    expect((await apiB.standings('board=teams&period=month')).version).toBe(onA.latest('teams')!.version);
    expect((await apiA.standings('board=teams&period=month')).version).toBe(onA.latest('teams')!.version);

    // A TV that subscribes later, on either instance, starts where the others are.
    const late = await tv(b);
    expect(late.snapshots[0]!.version).toBe(onA.latest('teams')!.version);
  });

  it('moments cross too: a new client paid through A is celebrated on B with the same version', async () => {
    const [onA, onB] = [await tv(a), await tv(b)];
    const start = onA.momentSnapshots[0]!.version;
    expect(onB.momentSnapshots[0]!.version).toBe(start);
    await post(apiA, {
      id: 'inst-m',
      type: 'meeting.scheduled',
      occurredAt: '2026-10-02T09:00:00Z',
      employeeId: 'tm2',
      clientId: 'inst-kl',
    });
    await post(apiB, {
      id: 'inst-c',
      type: 'contract.signed',
      occurredAt: '2026-10-08T09:00:00Z',
      employeeId: 'sales2',
      clientId: 'inst-kl',
    });
    await post(apiA, {
      id: 'inst-h',
      type: 'client.handed_over',
      occurredAt: '2026-10-09T09:00:00Z',
      employeeId: 'sales2',
      clientId: 'inst-kl',
    });
    await post(apiA, { id: 'inst-p1', type: 'payment.received', occurredAt: '2026-10-15T09:00:00Z', clientId: 'inst-kl', amount: 350_000 });

    for (const c of [onA, onB]) await c.until(() => c.payments.some((p) => p.kind === 'client.new' && p.eventId === 'inst-p1'));
    expect(onB.payments.find((p) => p.kind === 'client.new')!.version).toBe(onA.payments.find((p) => p.kind === 'client.new')!.version);
    expect(onA.momentVersions()[0]).toBe(start + 1);
    // Every moment reached both, once each, numbered one after another.
    await onB.until(() => onB.momentVersions().length === onA.momentVersions().length);
    expect(onB.momentVersions()).toEqual(onA.momentVersions());
    expect(onA.momentVersions()).toEqual(onA.momentVersions().map((_, i) => start + 1 + i));
  });

  it('a phone signed out through A loses its live socket on B', async () => {
    const invite = (await apiA.request<Invite>('POST', '/employees/tm1/invite')).body;
    const signIn = await fetch(`${b.url}/api/auth/invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: invite.code }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const phone = new LiveClient(b.url, undefined, { cookie });
    clients.push(phone);
    await phone.connected();
    const dropped = new Promise<string>((resolve) => phone.socket.once('disconnect', resolve));

    expect((await apiA.request<{ revoked: number }>('DELETE', '/employees/tm1/sessions')).body).toEqual({ revoked: 1 });
    expect(await dropped).toBe('io server disconnect');
  });

  it('without Redis each instance serves its own sockets; when Redis is back, both are reached again', async () => {
    const [onA, onB] = [await tv(a), await tv(b)];
    await redis.crash();
    await Promise.all([printed(a, LOST), printed(b, LOST)]);

    const base = points(onA.latest('teams'), 'team2')!;
    const viaA = meeting('tm2');
    await post(apiA, viaA);
    await onA.until(() => points(onA.latest('teams'), 'team2') === base + 15 && onA.awards.some((w) => w.eventId === viaA.id));
    const viaB = meeting('tm2');
    await post(apiB, viaB);
    await onB.until(() => points(onB.latest('teams'), 'team2') === base + 30 && onB.awards.some((w) => w.eventId === viaB.id));
    // Each still follows its own board one version at a time.
    for (const c of [onA, onB]) {
      const versions = [c.snapshots[0]!.version, ...c.updates.map((u) => u.version)];
      expect(versions).toEqual(versions.map((_, i) => versions[0]! + i));
    }

    await redis.restart();
    await Promise.all([printed(a, BACK), printed(b, BACK)]);
    const viaAgain = meeting('tm2');
    await post(apiA, viaAgain);
    for (const c of [onA, onB]) {
      await c.until(() => points(c.latest('teams'), 'team2') === base + 45 && c.awards.some((w) => w.eventId === viaAgain.id));
    }
    // Back on one sequence: both TVs end on the same version with the same rows.
    expect(onB.latest('teams')!.version).toBe(onA.latest('teams')!.version);
    expect(onB.latest('teams')!.rows).toEqual(onA.latest('teams')!.rows);
  });
});

describe('an unreachable REDIS_URL at start', () => {
  it('stops the server with one line naming the URL, its password hidden (one bounded attempt, no retry loop)', async () => {
    const url = `redis://conveyor:s3cret-pass@127.0.0.1:${await freePort()}`;
    const error = await startServer({ env: { REDIS_URL: url } }).then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(error).toMatch(/server exited with 1 before listening/);
    const printed = error!.split('\n').filter((line) => line.includes('Redis'));
    expect(printed).toEqual([expect.stringMatching(/^Cannot reach Redis at redis:\/\/conveyor:\*\*\*@127\.0\.0\.1:\d+\/?: .+/)]);
    expect(error).not.toContain('s3cret-pass');
  });
});
