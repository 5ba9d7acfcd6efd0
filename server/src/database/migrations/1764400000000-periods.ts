import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rewards and closing periods: reward definitions, one result row per closed period (its primary
 * key is what makes closing happen exactly once), the grants fixed at close, members' earned
 * grades, managers' postponements, and the numbered moments the live socket replays.
 */
export class Periods1764400000000 implements MigrationInterface {
  name = 'Periods1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const at = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'rewards',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'period', type: 'varchar', length: '8' },
          { name: 'board', type: 'varchar', length: '16' },
          { name: 'place', type: 'integer' },
          { name: 'title', type: 'varchar', length: '80' },
          { name: 'description', type: 'text' },
          at('created_at'),
          at('updated_at'),
        ],
        indices: [new TableIndex({ name: 'uq_rewards_place', columnNames: ['period', 'board', 'place'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'period_results',
        columns: [
          { name: 'period_key', type: 'varchar', length: '10', isPrimary: true },
          { name: 'period', type: 'varchar', length: '8' },
          at('start'),
          at('end'),
          at('closed_at'),
          { name: 'closed_by', type: 'varchar', length: '10' },
          { name: 'last_entry_id', type: 'integer' },
          { name: 'standings', type: 'text' },
          { name: 'grades', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'reward_grants',
        columns: [
          { name: 'id', type: 'varchar', length: '80', isPrimary: true },
          { name: 'period_key', type: 'varchar', length: '10' },
          { name: 'period', type: 'varchar', length: '8' },
          { name: 'reward_id', type: 'varchar', length: '64' },
          { name: 'board', type: 'varchar', length: '16' },
          { name: 'place', type: 'integer' },
          { name: 'title', type: 'varchar', length: '80' },
          { name: 'description', type: 'text' },
          { name: 'subject_type', type: 'varchar', length: '8' },
          { name: 'subject_id', type: 'varchar', length: '128' },
          { name: 'subject_name', type: 'varchar', length: '200' },
          { name: 'points', type: 'integer' },
          at('granted_at'),
          at('handed_out_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_reward_grants_period', columnNames: ['period_key'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'earned_grades',
        columns: [
          { name: 'employee_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'window_key', type: 'varchar', length: '10', isPrimary: true },
          { name: 'team_id', type: 'varchar', length: '128' },
          { name: 'team_name', type: 'varchar', length: '200' },
          { name: 'grade', type: 'varchar', length: '50', isNullable: true },
          { name: 'points', type: 'integer' },
          at('recorded_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'period_postponements',
        columns: [{ name: 'period_key', type: 'varchar', length: '10', isPrimary: true }, at('until'), at('updated_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'moments',
        columns: [
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'type', type: 'varchar', length: '20' },
          { name: 'data', type: 'text' },
          at('at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['moments', 'period_postponements', 'earned_grades', 'reward_grants', 'period_results', 'rewards'])
      await q.dropTable(table);
  }
}
