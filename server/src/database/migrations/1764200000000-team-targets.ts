import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Team targets per period, which feed the team-target bonus. */
export class TeamTargets1764200000000 implements MigrationInterface {
  name = 'TeamTargets1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'team_targets',
        columns: [
          { name: 'team_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'period', type: 'varchar', length: '8', isPrimary: true },
          { name: 'period_key', type: 'varchar', length: '10', isPrimary: true },
          { name: 'points', type: 'integer' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('team_targets');
  }
}
