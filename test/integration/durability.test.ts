import type { Award, IngestResult } from '@conveyor/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice());
});
afterAll(() => server?.dispose());

it('loses no acknowledged event when the server is killed mid-stream', async () => {
  const acked: string[] = [];
  let sent = 0;
  // Eight senders post single events until the process dies under them.
  const sender = async (n: number): Promise<void> => {
    for (let i = 0; ; i++) {
      const id = `crash-${n}-${i}`;
      sent++;
      try {
        const res = await api.postEvents({
          id,
          type: 'email.general',
          occurredAt: new Date().toISOString(),
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

  await server.restart();
  const month = await api.points('board=telemarketer');
  const total = (month.tm1 ?? 0) + (month.tm2 ?? 0);
  // Every acknowledged event is there (2 points each); unacknowledged ones may or may not be.
  expect(total).toBeGreaterThanOrEqual(acked.length * 2);
  expect(total).toBeLessThanOrEqual(sent * 2);
  const ledger = await api.request<Award[]>('GET', '/awards/recent?limit=200');
  expect(ledger.status).toBe(200);

  // Every acknowledged id is stored: a retry with the same body is a duplicate, not new points.
  const retry = await api.postEvents(
    acked.slice(0, 100).map((id) => ({ id, type: 'email.general', occurredAt: '2000-01-01T00:00:00Z', employeeId: 'tm1' })),
  );
  expect(retry.status).toBe(409);
  const after = await api.points('board=telemarketer');
  expect((after.tm1 ?? 0) + (after.tm2 ?? 0)).toBe(total);
});
