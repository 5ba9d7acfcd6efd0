import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { StampedCache } from '../../database/cache-stamps.js';
import { Database } from '../../database/database.js';
import { bind } from '../../database/sql.js';
import { GradeBook } from '../grades/grade-book.js';
import { OrgDirectory } from '../org/org.directory.js';
import { RuleBook } from '../rules/rule-book.js';
import { WallSettingsStore } from '../settings/wall-settings.js';
import { ScoringContextLoader } from './context.loader.js';
import { LedgerModule } from './ledger.module.js';
import { startMediumOffice, type MediumOffice } from './medium-office.testing.js';
import { TargetsRepository } from './targets.repository.js';

// Two server instances on one database each keep their own copy of the scoring context. A change
// made through one must reach the other's next write, without any message between them.

let office: MediumOffice;

beforeAll(async () => {
  office = await startMediumOffice([LedgerModule]);
}, 60_000);

afterAll(async () => {
  await office?.close();
});

it('reads a copy again once another instance changed it, and never keeps one read inside a rolled-back change', async () => {
  const db = office.moduleRef.get(Database);
  const [here, there] = [new StampedCache<number>('integrations'), new StampedCache<number>('integrations')];
  let loads = 0;
  const load = (): Promise<number> => Promise.resolve(++loads);

  expect(await db.write((em) => here.get(em, load))).toBe(1);
  expect(await db.write((em) => here.get(em, load))).toBe(1); // kept
  await db.write((em) => there.invalidate(em));
  expect(await db.write((em) => here.get(em, load))).toBe(2);

  const refused = new Error('refused');
  await expect(
    db.write(async (em) => {
      await there.invalidate(em);
      expect(await here.get(em, load)).toBe(3); // the change as seen inside its own transaction
      throw refused;
    }),
  ).rejects.toBe(refused);
  expect(await db.write((em) => here.get(em, load))).toBe(4);
  expect(await db.write((em) => there.get(em, load))).toBe(5);
  expect(await db.write((em) => here.get(em, load))).toBe(4);
});

it("sees a person added through another instance in the next ingest's scoring context", async () => {
  const db = office.moduleRef.get(Database);
  const get = <T>(type: new (...args: never[]) => T): T => office.moduleRef.get(type, { strict: false });
  const here = get(ScoringContextLoader);
  const there = new ScoringContextLoader(
    get(OrgDirectory),
    get(RuleBook),
    get(GradeBook),
    get(WallSettingsStore),
    get(TargetsRepository),
    get(AppConfig),
  );
  expect((await db.write((em) => here.cachedContext(em))).employee('newcomer')).toBeUndefined();

  await db.write(async (em) => {
    await addPerson(em, 'newcomer');
    await there.forget(em); // what office.changed does in the changing instance
  });

  expect((await db.write((em) => here.cachedContext(em))).employee('newcomer')).toMatchObject({ name: 'Newcomer' });
});

async function addPerson(em: EntityManager, id: string): Promise<void> {
  const at = '2026-07-15T09:00:00.000Z';
  const [sql, params] = bind(
    em,
    'INSERT INTO employees (id, name, role, active, created_at, updated_at) VALUES (:id, :name, :role, TRUE, :at, :at)',
    { id, name: 'Newcomer', role: 'sdr', at },
  );
  await em.query(sql, params);
}
