import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The funnel: counters per office-local month, person, team and counter, and what the office
 * remembers of each kept client; and each event's source system (from its body, for events
 * already stored). The counters are filled by the server at start (they depend on the scoring
 * code's notion of teams and calls), not here.
 */
export class Funnel1764800000000 implements MigrationInterface {
  name = 'Funnel1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('events', new TableColumn({ name: 'source', type: 'varchar', length: '20', isNullable: true }));
    const rows = (await q.query(`SELECT id, body FROM events WHERE body LIKE '%"source":%'`)) as { id: string; body: string }[];
    for (const row of rows) {
      const source = (JSON.parse(row.body) as { source?: unknown }).source;
      if (typeof source === 'string')
        await q.manager.createQueryBuilder().update('events').set({ source }).where('id = :id', { id: row.id }).execute();
    }
    await q.createTable(
      new Table({
        name: 'funnel_counts',
        columns: [
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'employee_id', type: 'varchar', length: '128', isPrimary: true },
          // '' for no team, so the key stays a plain primary key.
          { name: 'team_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'counter', type: 'varchar', length: '20', isPrimary: true },
          { name: 'n', type: 'integer' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'funnel_clients',
        columns: [
          { name: 'client_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'keeper_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'keeper_team_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'first_paid_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'first_amount', type: 'real' },
          { name: 'last_paid_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'paid_total', type: 'real' },
          { name: 'churned_at', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
    await q.createIndex('events', new TableIndex({ name: 'idx_events_time', columnNames: ['occurred_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('events', 'idx_events_time');
    await q.dropTable('funnel_clients');
    await q.dropTable('funnel_counts');
    await q.dropColumn('events', 'source');
  }
}
