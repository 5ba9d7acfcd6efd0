import { afterAll, beforeAll, expect, it } from 'vitest';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import type { EntryDraft } from '../../domain/ledger/rescore.js';
import { LedgerModule } from './ledger.module.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerWriter } from './ledger.writer.js';
import { startMediumOffice, type MediumOffice } from './medium-office.testing.js';

// Two server instances on one database each have their own LedgerWriter. An entry id counted on from
// what one instance read earlier collides with the ids the other appended meanwhile (bench/chaos.mjs
// found it on PostgreSQL with two instances: duplicate key on ledger_entries, answered 500).

let office: MediumOffice;

beforeAll(async () => {
  office = await startMediumOffice([LedgerModule]);
}, 60_000);

afterAll(async () => {
  await office?.close();
});

function draft(n: number): EntryDraft {
  return {
    key: `event:w${n}#call.successful`,
    scopeKey: `event:w${n}`,
    eventId: `w${n}`,
    rule: 'call.successful',
    ruleVersion: 1,
    employeeId: 't1',
    teamId: 'x',
    points: 1,
    reason: 'Successful call',
    reasonCode: 'call.successful',
    params: {},
    occurredAt: '2026-07-15T08:00:00.000Z',
    reverses: null,
  };
}

it('takes fresh entry ids when another instance appended to the same ledger in between', async () => {
  const db = office.moduleRef.get(Database);
  const here = office.moduleRef.get(LedgerWriter);
  // The other instance's writer: the same database, a counter of its own.
  const there = new LedgerWriter(office.moduleRef.get(LedgerRepository), office.moduleRef.get(AppConfig), office.moduleRef.get(Clock));

  await db.write((em) => here.append(em, [draft(1), draft(2)]));
  await db.write((em) => there.append(em, [draft(3)]));
  await db.write((em) => here.append(em, [draft(4)]));
  // Two appends in one transaction count on from each other.
  await db.write(async (em) => {
    await there.append(em, [draft(5)]);
    await there.append(em, [draft(6), draft(7)]);
  });
  await db.write((em) => here.append(em, [draft(8)]));

  const rows: { id: number | string; eventId: string }[] = await office.ds.query(
    'SELECT id, event_id AS "eventId" FROM ledger_entries ORDER BY id',
  );
  expect(rows.map((r) => [Number(r.id), r.eventId])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, `w${n}`]));
});
