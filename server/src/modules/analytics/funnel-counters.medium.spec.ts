import type { ActivityEvent } from '@conveyor/shared';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKey } from '../../domain/funnel/counts.js';
import { tallyEvents } from '../../domain/funnel/tally.js';
import { arrivalsArb, ctx } from '../../domain/ledger/random-office.testing.js';
import { IngestService } from '../ledger/ingest.service.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { startMediumOffice, type MediumOffice } from '../ledger/medium-office.testing.js';
import { AnalyticsModule } from './analytics.module.js';
import { FunnelCounters } from './funnel.counters.js';

// The funnel's counters against the real write path: whatever order events arrive in, in whatever
// batches, with voids, the stored counters are what counting the surviving events from scratch gives
// (domain/funnel/tally.ts), and counting everything again at start lands on the same.

const RUNS = 40;
let office: MediumOffice;
let ds: DataSource;
let ingest: IngestService;
let counters: FunnelCounters;

beforeAll(async () => {
  office = await startMediumOffice([LedgerModule, AnalyticsModule]);
  ds = office.ds;
  ingest = office.moduleRef.get(IngestService);
  counters = office.moduleRef.get(FunnelCounters);
}, 60_000);

afterAll(async () => {
  await office?.close();
});

async function emptyTables(): Promise<void> {
  for (const table of [
    'standing_awards',
    'ledger_entries',
    'period_totals',
    'events',
    'moments',
    'team_grades',
    'clients',
    'funnel_counts',
    'funnel_clients',
  ])
    await ds.query(`DELETE FROM ${table}`);
}

/** The stored counters, as `cell = n` lines without zeros. */
async function storedCells(): Promise<string[]> {
  const rows: { month: string; employeeId: string; teamId: string; counter: string; n: number }[] = await ds.query(
    'SELECT month, employee_id AS "employeeId", team_id AS "teamId", counter, n FROM funnel_counts WHERE n <> 0',
  );
  return rows.map((r) => `${cellKey({ ...r, teamId: r.teamId || null, counter: r.counter as never })} = ${Number(r.n)}`).sort();
}

async function storedClients(): Promise<string[]> {
  const rows: Record<string, unknown>[] = await ds.query(
    'SELECT client_id, keeper_id, keeper_team_id, first_paid_at, first_amount, last_paid_at, paid_total, churned_at FROM funnel_clients WHERE first_paid_at IS NOT NULL',
  );
  return rows.map((r) => JSON.stringify(Object.values(r).map((v) => (typeof v === 'number' ? Math.round(v * 100) : v)))).sort();
}

function oracle(survivors: readonly ActivityEvent[]): { cells: string[]; clients: string[] } {
  const { cells, clients } = tallyEvents(survivors, ctx);
  return {
    cells: cells.map((c) => `${cellKey(c)} = ${c.n}`).sort(),
    clients: clients
      .filter((c) => c.firstPaidAt !== null)
      .map((c) =>
        JSON.stringify(
          [c.clientId, c.keeperId, c.keeperTeamId, c.firstPaidAt, c.firstAmount, c.lastPaidAt, c.paidTotal, c.churnedAt].map((v) =>
            typeof v === 'number' ? Math.round(v * 100) : v,
          ),
        ),
      )
      .sort(),
  };
}

async function expectOracle(survivors: readonly ActivityEvent[]): Promise<void> {
  const want = oracle(survivors);
  expect(await storedCells()).toEqual(want.cells);
  expect(await storedClients()).toEqual(want.clients);
}

describe('the funnel counters on SQLite (medium tier)', () => {
  it('any arrival order, in batches, with retries and voids, counts what the surviving events count from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(arrivalsArb, async ({ history, batches, voids }) => {
        await emptyTables();
        for (const batch of batches) await ingest.ingest(batch);
        await expectOracle(history);
        for (const id of voids) await ingest.void(id, 'property test');
        await expectOracle(history.filter((e) => !voids.includes(e.id)));
      }),
      { numRuns: RUNS },
    );
  });

  it('counting everything again at start lands on the same counters', async () => {
    await fc.assert(
      fc.asyncProperty(arrivalsArb, async ({ history, batches }) => {
        await emptyTables();
        for (const batch of batches) await ingest.ingest(batch);
        await ds.query("DELETE FROM funnel_counts WHERE month >= '2026-02'");
        await ds.query("DELETE FROM settings WHERE key = 'funnel.counted'");
        await counters.onApplicationBootstrap();
        await expectOracle(history);
      }),
      { numRuns: 10 },
    );
  });
});
