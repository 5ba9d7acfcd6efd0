import { LiveEvent, type Standings } from '@conveyor/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { LiveClient } from '../helpers/live.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;
const clients: LiveClient[] = [];

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK)); // "now" stays inside one month
});
afterEach(() => clients.splice(0).forEach((c) => c.close()));
afterAll(() => server?.dispose());

async function connect(token: string | null = server.displayToken, headers?: Record<string, string>): Promise<LiveClient> {
  const client = new LiveClient(server.url, token ?? undefined, headers);
  clients.push(client);
  await client.connected();
  return client;
}

let seq = 0;
const meeting = (employeeId = 'tm1') => ({
  id: `live-${seq++}`,
  type: 'meeting.scheduled',
  occurredAt: TEST_NOW,
  employeeId,
  clientId: `c-${seq}`,
});

describe('/live', () => {
  it('refuses a handshake without a valid token, or from a foreign origin', async () => {
    await expect(connect(null)).rejects.toThrow('unauthorized');
    await expect(connect('not-a-real-token-at-all')).rejects.toThrow('unauthorized');
    await expect(connect(server.displayToken, { origin: 'https://evil.example' })).rejects.toThrow('forbidden origin');
    await expect(connect(server.displayToken, { origin: server.url })).resolves.toBeInstanceOf(LiveClient);
  });

  it('sends a snapshot, then an update with the next version and the awards', async () => {
    const client = await connect();
    client.subscribe({
      boards: [
        { board: 'teams', period: 'month' },
        { board: 'telemarketer', period: 'month' },
      ],
    });
    await client.until(() => client.snapshots.length === 2);
    const snap = client.snapshots.find((s) => s.board === 'teams')!;
    const before = snap.rows.find((r) => r.id === 'team1')!.points;

    const event = meeting();
    expect((await api.postEvents(event)).status).toBe(200);
    await client.until(() => client.updates.some((u) => u.board === 'teams') && client.awards.some((a) => a.eventId === event.id));
    const update = client.updates.find((u) => u.board === 'teams')!;
    expect(update.version).toBe(snap.version + 1);
    expect(update.rows.find((r) => r.id === 'team1')!.points).toBe(before + 15);
    expect(client.awards.find((a) => a.eventId === event.id)).toMatchObject({
      employeeId: 'tm1',
      teamId: 'team1',
      points: 15,
      rule: 'telemarketer.meeting_scheduled',
    });
    expect(client.awards.find((a) => a.eventId === event.id)!.reason).toContain('Telemarketer 1');
  });

  it('coalesces a burst: consecutive versions, fewer updates than events, the final totals right', async () => {
    const client = await connect();
    client.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
    await client.until(() => client.snapshots.length === 1);
    const start = client.snapshots[0]!;
    const base = start.rows.find((r) => r.id === 'team2')!.points;
    const events = Array.from({ length: 60 }, () => meeting('tm2'));
    await Promise.all(events.map((e) => api.postEvents(e)));
    const target = base + 60 * 15;
    await client.until(() => client.latest('teams')?.rows.find((r) => r.id === 'team2')?.points === target);
    const versions = client.updates.map((u) => u.version);
    expect(versions).toEqual(versions.map((_, i) => start.version + 1 + i));
    expect(client.updates.length).toBeLessThan(events.length);
    await client.until(() => events.every((e) => client.awards.some((a) => a.eventId === e.id)));
  });

  it('gives a resubscribing client a fresh snapshot at the current version', async () => {
    const client = await connect();
    client.subscribe({ boards: [{ board: 'sales', period: 'month' }] });
    await client.until(() => client.snapshots.length === 1);
    client.subscribe({ boards: [{ board: 'sales', period: 'month' }] });
    await client.until(() => client.snapshots.length === 2);
    expect(client.snapshots[1]!.version).toBe(client.snapshots[0]!.version);
  });

  it('answers a bad subscribe with live:error naming the field', async () => {
    const client = await connect();
    const error = new Promise<{ errors: { field: string }[] }>((resolve) => client.socket.once(LiveEvent.error, resolve));
    client.socket.emit(LiveEvent.subscribe, { boards: [{ board: 'nope', period: 'month' }] } as never);
    expect((await error).errors[0]!.field).toBe('boards[0].board');
  });

  it('pushes a fixed-date board only for awards in its period', async () => {
    const client = await connect();
    client.subscribe({ boards: [{ board: 'teams', period: 'month', at: '2026-01-15' }] });
    await client.until(() => client.snapshots.length === 1);
    const jan: Standings = client.snapshots[0]!;
    expect(jan).toMatchObject({ key: '2026-01', at: '2026-01-15' });
    await api.postEvents({ id: `jan-${seq++}`, type: 'email.general', occurredAt: '2026-01-20T10:00:00Z', employeeId: 'tm1' });
    await client.until(() => client.updates.length === 1);
    expect(client.updates[0]!.rows.find((r) => r.id === 'team1')!.points).toBe(jan.rows.find((r) => r.id === 'team1')!.points + 2);
  });
});
