import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One row per kind of in-memory copy that other instances may hold (the scoring context, API tokens,
 * integration connections): a change writes a new stamp in its own transaction, and each instance
 * compares the stamp with the one its copy was read at before using it.
 */
export class CacheStamps1766420000000 implements MigrationInterface {
  name = 'CacheStamps1766420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'cache_stamps',
        columns: [
          { name: 'name', type: 'varchar', length: '40', isPrimary: true },
          { name: 'stamp', type: 'varchar', length: '40' },
        ],
      }),
    );
    await q.query(
      `INSERT INTO cache_stamps (name, stamp) VALUES ('scoring', 'initial'), ('tokens', 'initial'), ('integrations', 'initial')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cache_stamps');
  }
}
