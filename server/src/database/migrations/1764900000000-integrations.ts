import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Integrations: the connections to CRMs and telephony (secrets encrypted, the webhook key stored
 * as its hash for lookup and encrypted for showing), and the inbox of every delivery they posted.
 */
export class Integrations1764900000000 implements MigrationInterface {
  name = 'Integrations1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'integrations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'system', type: 'varchar', length: '20' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'enabled', type: 'boolean' },
          { name: 'key_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'key_sealed', type: 'text' },
          { name: 'settings', type: 'text' },
          { name: 'secrets_sealed', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
          { name: 'updated_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'integration_deliveries',
        columns: [
          // Time-ordered: the inbox pages by id.
          { name: 'id', type: 'varchar', length: '40', isPrimary: true },
          { name: 'integration_id', type: 'varchar', length: '36' },
          { name: 'received_at', type: 'varchar', length: '30' },
          { name: 'occurred_at', type: 'varchar', length: '30', isNullable: true },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'reason', type: 'varchar', length: '30', isNullable: true },
          { name: 'params', type: 'text' },
          { name: 'unmapped', type: 'text' },
          { name: 'event_ids', type: 'text' },
          { name: 'summary', type: 'text' },
          { name: 'attempts', type: 'integer' },
          { name: 'next_attempt_at', type: 'varchar', length: '30', isNullable: true },
          // The request as it came (none for a refused one): a replay reads it again.
          { name: 'request', type: 'text', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['integration_id'], referencedTableName: 'integrations', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await q.createIndex('integration_deliveries', new TableIndex({ name: 'idx_deliveries_inbox', columnNames: ['integration_id', 'id'] }));
    await q.createIndex(
      'integration_deliveries',
      new TableIndex({ name: 'idx_deliveries_status', columnNames: ['status', 'occurred_at'] }),
    );
    await q.createIndex('integration_deliveries', new TableIndex({ name: 'idx_deliveries_received', columnNames: ['received_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('integration_deliveries');
    await q.dropTable('integrations');
  }
}
