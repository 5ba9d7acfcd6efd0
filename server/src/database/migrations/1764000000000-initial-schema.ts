import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const instant = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '128', isNullable: nullable });

/** People, teams, memberships, events, the ledger and its projections. Portable: SQLite and PostgreSQL. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'employees',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'active', type: 'boolean', default: true },
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'teams',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'active', type: 'boolean', default: true },
          instant('created_at'),
          instant('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'memberships',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          id('team_id'),
          id('employee_id'),
          { name: 'role', type: 'varchar', length: '16' },
          instant('valid_from'),
          instant('valid_to', true),
        ],
        indices: [
          new TableIndex({ name: 'idx_memberships_employee', columnNames: ['employee_id', 'valid_from'] }),
          new TableIndex({ name: 'idx_memberships_team', columnNames: ['team_id', 'valid_from'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'type', type: 'varchar', length: '40' },
          instant('occurred_at'),
          id('employee_id', true),
          id('client_id', true),
          { name: 'body', type: 'text' },
          instant('received_at'),
          instant('voided_at', true),
          { name: 'void_reason', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_events_employee_time', columnNames: ['employee_id', 'occurred_at'] }),
          new TableIndex({ name: 'idx_events_client_time', columnNames: ['client_id', 'occurred_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ledger_entries',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          id('event_id'),
          { name: 'award_key', type: 'varchar', length: '300' },
          { name: 'rule', type: 'varchar', length: '64' },
          { name: 'rule_version', type: 'integer' },
          id('employee_id', true),
          id('team_id', true),
          { name: 'points', type: 'integer' },
          { name: 'reason', type: 'text' },
          instant('occurred_at'),
          instant('recorded_at'),
          { name: 'reverses_id', type: 'integer', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_ledger_event', columnNames: ['event_id'] }),
          new TableIndex({ name: 'idx_ledger_employee_time', columnNames: ['employee_id', 'occurred_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'standing_awards',
        columns: [
          { name: 'award_key', type: 'varchar', length: '300', isPrimary: true },
          { name: 'scope_key', type: 'varchar', length: '300' },
          { name: 'entry_id', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'idx_standing_awards_scope', columnNames: ['scope_key'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'period_totals',
        columns: [
          { name: 'period', type: 'varchar', length: '8', isPrimary: true },
          { name: 'period_key', type: 'varchar', length: '10', isPrimary: true },
          { name: 'subject_type', type: 'varchar', length: '8', isPrimary: true },
          { ...id('subject_id'), isPrimary: true },
          { name: 'points', type: 'integer' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['period_totals', 'standing_awards', 'ledger_entries', 'events', 'memberships', 'teams', 'employees']) {
      await q.dropTable(table);
    }
  }
}
