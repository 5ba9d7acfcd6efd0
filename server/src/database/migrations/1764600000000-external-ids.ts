import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Each employee's user id in the CRMs and telephony systems that send events: one person per (system, id). */
export class ExternalIds1764600000000 implements MigrationInterface {
  name = 'ExternalIds1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'employee_external_ids',
        columns: [
          { name: 'system', type: 'varchar', length: '20', isPrimary: true },
          { name: 'external_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'employee_id', type: 'varchar', length: '128' },
        ],
        indices: [new TableIndex({ name: 'idx_external_ids_employee', columnNames: ['employee_id', 'system'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('employee_external_ids');
  }
}
