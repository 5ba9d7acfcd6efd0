import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './data-source.js';
import { ReasonsAsData1764700000000 } from './migrations/1764700000000-reasons-as-data.js';

// The migration that makes reasons data, run on a ledger an older version wrote: every row keeps
// its points and gets its rule's code and the params recovered from its event and reason.
const dir = mkdtempSync(join(tmpdir(), 'conveyor-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (migrations: unknown[]) =>
  new DataSource({ type: 'sqlite', database: join(dir, 'old.db'), migrations: migrations as never[], migrationsTransactionMode: 'each' });

describe('migration: reasons as data', () => {
  it('gives every existing award its code and params, and keeps its points', async () => {
    const before = await source(MIGRATIONS.slice(0, MIGRATIONS.indexOf(ReasonsAsData1764700000000))).initialize();
    await before.runMigrations();
    const at = '2026-11-20T10:00:00.000Z';
    await before.query(
      `INSERT INTO employees (id, name, role, active, created_at, updated_at) VALUES ('a', 'Анна', 'telemarketer', 1, '${at}', '${at}'), ('o', 'Ольга', 'account', 1, '${at}', '${at}')`,
    );
    await before.query(`INSERT INTO teams (id, name, active, created_at, updated_at) VALUES ('t', 'Соколы', 1, '${at}', '${at}')`);
    const event = (id: string, body: object) =>
      before.query(`INSERT INTO events (id, type, occurred_at, body, received_at) VALUES (?, 'x', ?, ?, ?)`, [
        id,
        at,
        JSON.stringify(body),
        at,
      ]);
    await event('c1', { id: 'c1', type: 'call', durationSec: 42 });
    await event('p1', { id: 'p1', type: 'payment.received', clientId: 'romashka', amount: 350000 });
    const entry = (id: number, eventId: string, key: string, rule: string, employee: string | null, points: number, reason: string) =>
      before.query(
        `INSERT INTO ledger_entries (id, event_id, award_key, rule, rule_version, employee_id, team_id, points, reason, occurred_at, recorded_at, reverses_id)
         VALUES (?, ?, ?, ?, 1, ?, 't', ?, ?, ?, ?, NULL)`,
        [id, eventId, key, rule, employee, points, reason, at, at],
      );
    await entry(1, 'c1', 'event:c1#telemarketer.call', 'telemarketer.call', 'a', 1, 'Анна: successful call, 42 s, +1');
    await entry(
      2,
      'c1',
      'event:c1#telemarketer.call',
      'telemarketer.call',
      'a',
      -1,
      'Reversed (voided: дубль из CRM): Анна: successful call, 42 s, +1',
    );
    await entry(
      3,
      'p1',
      'client:romashka#account.payment:p1',
      'account.payment',
      'o',
      350,
      'Ольга: payment of 350,000 from new client romashka, +350',
    );
    await entry(
      4,
      'p1',
      'target:t:month:2026-11#team.target_reached',
      'team.target_reached',
      null,
      100,
      'Соколы: reached the month target of 300 points (2026-11), +100',
    );
    await before.destroy();

    const after = await source(MIGRATIONS).initialize();
    await after.runMigrations();
    const rows = await after.query<{ id: number; points: number; code: string; params: string }[]>(
      'SELECT id, points, reason_code AS code, params FROM ledger_entries ORDER BY id',
    );
    await after.destroy();
    expect(rows.map((r) => [r.id, r.points, r.code, JSON.parse(r.params) as unknown])).toEqual([
      [1, 1, 'telemarketer.call', { employee: 'Анна', seconds: 42 }],
      [2, -1, 'telemarketer.call', { employee: 'Анна', seconds: 42, reversed: true, cause: 'void', note: 'дубль из CRM' }],
      [
        3,
        350,
        'account.payment',
        { employee: 'Ольга', clientId: 'romashka', client: 'romashka', amount: 350000, currency: 'RUB', newClient: true },
      ],
      [4, 100, 'team.target_reached', { team: 'Соколы', target: 300, period: '2026-11' }],
    ]);
  });
});
