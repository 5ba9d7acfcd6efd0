import type { PeriodSummary } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
});
afterAll(() => server?.dispose());

const meeting = (id: string, occurredAt: string) => ({
  id,
  type: 'meeting.scheduled',
  occurredAt,
  employeeId: 'tm1',
  clientId: `cl-${id}`,
});

/** Runs statements on the stopped server's database, as an older version might have left it. */
async function writeDirectly(statements: [string, unknown[]][]): Promise<void> {
  for (const [sql, params] of statements) await server.sql(sql, params);
}

describe('dates before 2000', () => {
  it('are refused with a 422 naming occurredAt, and nothing of the request is stored', async () => {
    for (const occurredAt of ['0999-06-01T10:00:00Z', '1850-01-01T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const refused = await api.postEvents([meeting('fine', '2026-11-20T10:00:00Z'), meeting(`old-${occurredAt.slice(0, 4)}`, occurredAt)]);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ errors: [{ index: 1, field: 'occurredAt' }] });
    }
    // The good event of each refused batch was not stored either: its id is still free for another body.
    expect((await api.postEvents(meeting('fine', '2026-11-21T10:00:00Z'))).status).toBe(200);
    expect((await api.postEvents(meeting('y2k', '2000-01-01T00:00:00Z'))).status).toBe(200);
  });

  it('already stored by an older version never make a read answer 500, nor open centuries of periods', async () => {
    await server.stop();
    await writeDirectly([
      [
        "INSERT INTO events (id, type, occurred_at, employee_id, client_id, body, received_at) VALUES ('ancient', 'meeting.scheduled', '0999-06-01T10:00:00.000Z', 'tm1', 'cl-ancient', '{}', '2026-11-01T00:00:00.000Z')",
        [],
      ],
      [
        "INSERT INTO period_totals (period, period_key, subject_type, subject_id, points) VALUES ('month', '999-06', 'employee', 'tm1', 15)",
        [],
      ],
      [
        "INSERT INTO period_totals (period, period_key, subject_type, subject_id, points) VALUES ('month', '1850-01', 'employee', 'tm1', 15)",
        [],
      ],
    ]);
    await server.restart();
    for (const path of ['/periods?period=month', '/periods?period=quarter', '/periods', '/hall-of-fame', '/standings?period=year']) {
      expect((await api.request('GET', path)).status, path).toBe(200);
    }
    const years = (await api.request<PeriodSummary[]>('GET', '/periods?period=year&limit=200')).body;
    // From the first real activity (the y2k event) to now: never back to 1850 or 999.
    expect(years.map((p) => p.key)).toEqual(Array.from({ length: 27 }, (_, i) => String(2026 - i)));
  });
});
