import type { Award, IngestResult } from '@conveyor/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  // On a manual clock (kept across the restart): every event lands in the same month, whatever the real time.
  ({ server, api } = await startOffice(MANUAL_CLOCK));
});
afterAll(() => server?.dispose());

/** Rows of a query on the server's database, beside the running server. */
function query<T>(sql: string): Promise<T[]> {
  return server.sql<T>(sql);
}

it('loses no acknowledged event when the server is killed mid-stream', async () => {
  const acked: string[] = [];
  const sentIds = new Set<string>();
  let sent = 0;
  // Eight senders post single events until the process dies under them.
  const sender = async (n: number): Promise<void> => {
    for (let i = 0; ; i++) {
      const id = `crash-${n}-${i}`;
      sent++;
      sentIds.add(id);
      try {
        const res = await api.postEvents({
          id,
          type: 'email.general',
          occurredAt: TEST_NOW,
          employeeId: n % 2 ? 'tm1' : 'tm2',
        });
        if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
        acked.push(...(res.body as IngestResult).events.map((e) => e.id));
      } catch {
        return; // connection refused or reset: the server is gone
      }
      if (acked.length === 300) void server.kill();
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, n) => sender(n)));
  expect(acked.length).toBeGreaterThanOrEqual(300);
  expect(new Set(acked).size).toBe(acked.length); // each id acknowledged once

  await server.restart();
  const month = await api.points('board=telemarketer');
  const total = (month.tm1 ?? 0) + (month.tm2 ?? 0);
  // Every acknowledged event is there (2 points each); unacknowledged ones may or may not be.
  expect(total).toBeGreaterThanOrEqual(acked.length * 2);
  expect(total).toBeLessThanOrEqual(sent * 2);
  const ledger = await api.request<Award[]>('GET', '/awards/recent?limit=200');
  expect(ledger.status).toBe(200);

  // Exactly: what is stored is what was sent, every acknowledged id once, each with exactly one
  // award of 2 points and no reversal, and the standings are the sum over the stored events.
  const stored = (await query<{ id: string }>('SELECT id FROM events')).map((e) => e.id);
  expect(new Set(stored).size).toBe(stored.length);
  expect(stored.filter((id) => !sentIds.has(id))).toEqual([]);
  const storedIds = new Set(stored);
  expect(acked.filter((id) => !storedIds.has(id))).toEqual([]);
  const entries = await query<{ eventId: string; entries: number; points: number; reversals: number }>(
    `SELECT event_id AS "eventId", COUNT(*) AS entries, SUM(points) AS points, COUNT(reverses_id) AS reversals
       FROM ledger_entries GROUP BY event_id ORDER BY event_id`,
  );
  expect(entries).toEqual([...stored].sort().map((eventId) => ({ eventId, entries: 1, points: 2, reversals: 0 })));
  expect(total).toBe(stored.length * 2);
  // The running totals of every period, for people and for teams, say the same.
  const sum = (points: Record<string, number>): number => Object.values(points).reduce((a, b) => a + b, 0);
  for (const period of ['month', 'quarter', 'year'])
    for (const board of ['telemarketer', 'teams'])
      expect({ period, board, points: sum(await api.points(`board=${board}&period=${period}`)) }).toEqual({
        period,
        board,
        points: stored.length * 2,
      });

  // Every acknowledged id is stored: a retry with the same body is a duplicate, not new points.
  const retry = await api.postEvents(
    acked.slice(0, 100).map((id) => ({ id, type: 'email.general', occurredAt: '2000-01-01T00:00:00Z', employeeId: 'tm1' })),
  );
  expect(retry.status).toBe(409);
  const after = await api.points('board=telemarketer');
  expect((after.tm1 ?? 0) + (after.tm2 ?? 0)).toBe(total);
  expect((await query<{ n: number }>('SELECT COUNT(*) AS n FROM events'))[0]!.n).toBe(stored.length);
});
