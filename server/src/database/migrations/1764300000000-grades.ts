import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Settings (the grade ladder) and the grade each team holds per window. */
export class Grades1764300000000 implements MigrationInterface {
  name = 'Grades1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'settings',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'team_grades',
        columns: [
          { name: 'team_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'window_key', type: 'varchar', length: '10', isPrimary: true },
          { name: 'grade', type: 'varchar', length: '50', isNullable: true },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('team_grades');
    await q.dropTable('settings');
  }
}
