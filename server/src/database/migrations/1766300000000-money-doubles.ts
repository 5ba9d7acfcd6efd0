import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client's first payment and paid total were declared `real`: 8 bytes on SQLite, but 4 on
 * PostgreSQL, where 140 669,43 ₽ came back as 140 669,44. Both engines now keep a double.
 */
export class MoneyDoubles1766300000000 implements MigrationInterface {
  name = 'MoneyDoubles1766300000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return; // SQLite's REAL is already a double
    await q.query(
      'ALTER TABLE funnel_clients ALTER COLUMN first_amount TYPE double precision, ALTER COLUMN paid_total TYPE double precision',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    await q.query('ALTER TABLE funnel_clients ALTER COLUMN first_amount TYPE real, ALTER COLUMN paid_total TYPE real');
  }
}
