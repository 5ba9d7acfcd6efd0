import type { ActivityEvent } from '@conveyor/shared';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  arrivalsArb,
  awardLine,
  eventArb,
  historyArb,
  oracleAwards,
  oracleTotals,
  sortedNonZero,
  withId,
} from '../../domain/ledger/random-office.testing.js';
import { IngestService } from './ingest.service.js';
import { LedgerModule } from './ledger.module.js';
import { startMediumOffice, type MediumOffice } from './medium-office.testing.js';

// The medium tier: the ledger properties against the real write path (Nest wiring, TypeORM, the
// committed migrations, SQLite), not the in-memory ledger. Each run starts from empty ledger tables
// in one database whose office (people, stints, rules) is the random office's.

const RUNS = 60;
let office: MediumOffice;
let ds: DataSource;
let ingest: IngestService;

beforeAll(async () => {
  office = await startMediumOffice([LedgerModule]);
  ds = office.ds;
  ingest = office.moduleRef.get(IngestService);
}, 60_000);

afterAll(async () => {
  await office?.close();
});

async function emptyLedger(): Promise<void> {
  for (const table of ['standing_awards', 'ledger_entries', 'period_totals', 'events', 'moments', 'team_grades', 'clients'])
    await ds.query(`DELETE FROM ${table}`);
}

/** The running totals as stored, keyed as the oracle keys them. */
async function storedTotals(): Promise<Map<string, number>> {
  const rows: { period: string; key: string; type: string; id: string; points: number }[] = await ds.query(
    'SELECT period, period_key AS "key", subject_type AS "type", subject_id AS "id", points FROM period_totals',
  );
  return sortedNonZero(new Map(rows.map((r) => [`${r.period}|${r.key}|${r.type}|${r.id}`, Number(r.points)])));
}

/** The awards standing in the stored ledger. */
async function storedAwards(): Promise<string[]> {
  const rows: { key: string; eventId: string; employeeId: string | null; teamId: string | null; points: number }[] = await ds.query(
    `SELECT l.award_key AS "key", l.event_id AS "eventId", l.employee_id AS "employeeId", l.team_id AS "teamId", l.points AS "points"
       FROM standing_awards s JOIN ledger_entries l ON l.id = s.entry_id`,
  );
  return rows.map((r) => awardLine({ ...r, points: Number(r.points) })).sort();
}

/** Totals summed straight from the ledger entries: what the running totals must equal. */
async function ledgerSum(): Promise<number> {
  const [row]: { points: number | null }[] = await ds.query('SELECT SUM(points) AS points FROM ledger_entries');
  return Number(row?.points ?? 0);
}

/** The stored ledger agrees with the oracle: running totals, standing awards, and the entries' sum. */
async function expectOracle(survivors: readonly ActivityEvent[]): Promise<void> {
  const awards = oracleAwards(survivors);
  expect(await storedTotals()).toEqual(oracleTotals(survivors));
  expect(await storedAwards()).toEqual(awards);
  expect(await ledgerSum()).toBe(awards.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0));
}

describe('the write path on SQLite (medium tier)', () => {
  it('any arrival order, in batches, with retries and voids, ends where scoring the survivors from scratch does', async () => {
    await fc.assert(
      fc.asyncProperty(arrivalsArb, async ({ history, batches, voids }) => {
        await emptyLedger();
        for (const batch of batches) await ingest.ingest(batch);
        await expectOracle(history);
        for (const id of voids) await ingest.void(id, 'property test');
        await expectOracle(history.filter((e) => !voids.includes(e.id)));
      }),
      { numRuns: RUNS },
    );
  });

  it('a late event then its void leaves the ledger where it was, having only grown', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, eventArb, async (history, extra) => {
        await emptyLedger();
        await ingest.ingest(history);
        const before = await storedTotals();
        const late = withId('late', extra);
        await ingest.ingest([late]);
        await expectOracle([...history, late]);
        await ingest.void('late', 'property test');
        expect(await storedTotals()).toEqual(before);
        await expectOracle(history);
      }),
      { numRuns: RUNS },
    );
  });
});
