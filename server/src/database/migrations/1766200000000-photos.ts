import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Photos of people and teams, kept in the database (so a backup carries them): each stored once,
 * keyed by the SHA-256 of its bytes (a 512×512 WebP), and named by `photo_id` on employees and teams.
 */
export class Photos1766200000000 implements MigrationInterface {
  name = 'Photos1766200000000';

  async up(q: QueryRunner): Promise<void> {
    // Bytes are a BLOB on SQLite and a bytea on PostgreSQL; the repository reads and writes a Buffer on both.
    const binary = q.connection.driver.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.createTable(
      new Table({
        name: 'photos',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'bytes', type: binary },
          { name: 'size', type: 'integer' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.addColumn('employees', new TableColumn({ name: 'photo_id', type: 'varchar', length: '64', isNullable: true }));
    await q.addColumn('teams', new TableColumn({ name: 'photo_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('teams', 'photo_id');
    await q.dropColumn('employees', 'photo_id');
    await q.dropTable('photos');
  }
}
