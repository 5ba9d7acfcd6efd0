// Test support (not built into dist): the medium tier's server, the real Nest modules on a SQLite
// file under a manual clock, with the random office's people, teams, stints and rules in it.
import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ManualClock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { bootWith } from '../../core/core.module.js';
import { databaseModule } from '../../database/data-source.js';
import { createScratchDatabase, dropScratchDatabase } from '../../database/scratch.testing.js';
import { people, rules, stints } from '../../domain/ledger/random-office.testing.js';

export interface MediumOffice {
  moduleRef: TestingModule;
  ds: DataSource;
  close(): Promise<void>;
}

/** Boots these modules on a fresh database with the random office set up, as a manager would have left it. */
export async function startMediumOffice(modules: (Type | DynamicModule)[]): Promise<MediumOffice> {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-medium-'));
  // On TEST_DATABASE_URL's PostgreSQL when it is set (a database of its own), else a SQLite file.
  const pgServer = process.env.TEST_DATABASE_URL || null;
  const pgName = `conveyor_medium_${randomBytes(6).toString('hex')}`;
  const config = new AppConfig({
    databaseUrl: pgServer ? await createScratchDatabase(pgServer, pgName) : null,
    port: 0,
    host: '127.0.0.1',
    databasePath: join(dir, 'office.db'),
    timeZone: 'Europe/Moscow',
    adminToken: 'medium-admin-token-0000',
    displayToken: 'medium-display-token-000',
    allowedOrigins: [],
    sqliteSynchronous: 'NORMAL',
    demo: false,
  });
  bootWith({ config, clock: new ManualClock(new Date('2026-07-15T09:00:00Z')) });
  const moduleRef = await Test.createTestingModule({
    imports: [databaseModule(config), ...modules],
  }).compile();
  await moduleRef.init();
  const ds = moduleRef.get(DataSource);
  await seedOffice(ds);
  return {
    moduleRef,
    ds,
    async close() {
      await moduleRef.close();
      if (pgServer) await dropScratchDatabase(pgServer, pgName);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The random office's people, teams, stints and numbers, written as a manager's set-up would leave them. */
async function seedOffice(ds: DataSource): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  const postgres = ds.options.type === 'postgres';
  const query = (sql: string, params: unknown[]): Promise<unknown> => {
    let n = 0;
    return ds.query(postgres ? sql.replace(/\?/g, () => `$${++n}`) : sql, params);
  };
  for (const [id, p] of Object.entries(people))
    await query('INSERT INTO employees (id, name, role, active, created_at, updated_at) VALUES (?, ?, ?, TRUE, ?, ?)', [
      id,
      p.name,
      p.role,
      at,
      at,
    ]);
  for (const team of ['x', 'y'])
    await query('INSERT INTO teams (id, name, active, created_at, updated_at) VALUES (?, ?, TRUE, ?, ?)', [team, team, at, at]);
  for (const s of stints)
    await query('INSERT INTO memberships (team_id, employee_id, role, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)', [
      s.teamId,
      s.employeeId,
      s.role,
      s.validFrom,
      s.validTo,
    ]);
  const { version: _, ...params } = rules;
  await query('UPDATE rule_versions SET params = ? WHERE version = 1', [JSON.stringify(params)]);
}
