import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// The default scheme as it stood when rules became data (PRODUCT.md); later changes are new versions.
const VERSION_1 = {
  telemarketer: {
    successfulCallSec: 30,
    successfulCall: 1,
    dailyNorm: 45,
    dailyNormBonus: 10,
    emailGeneral: 2,
    needIdentified: 5,
    emailDecisionMaker: 3,
    meetingScheduled: 15,
    firstPaymentBonus: 25,
  },
  sales: { meetingHeld: 5, contractSigned: 20, firstPaymentPerThousand: 1, renewalPerThousand: 1 },
  account: { paymentPerThousand: 0.5, newClientMultiplier: 2, newClientMonths: 3, retentionThreshold: 300000, retentionBonus: 50 },
  team: { chainCompleted: 30 },
};

/** Rules as data: versioned scoring numbers with an effective date; version 1 covers all time before the next. */
export class RuleVersions1764100000000 implements MigrationInterface {
  name = 'RuleVersions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rule_versions',
        columns: [
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'effective_from', type: 'varchar', length: '30' },
          { name: 'params', type: 'text' },
          { name: 'note', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );
    // Named parameters, turned into the driver's placeholders (`?` or `$n`).
    const [sql, params] = q.connection.driver.escapeQueryWithParameters(
      'INSERT INTO rule_versions (version, effective_from, params, note, created_at) VALUES (:version, :effectiveFrom, :params, :note, :createdAt)',
      {
        version: 1,
        effectiveFrom: '1970-01-01T00:00:00.000Z',
        params: JSON.stringify(VERSION_1),
        note: 'Default scheme (PRODUCT.md)',
        createdAt: new Date().toISOString(),
      },
      {},
    );
    await q.query(sql, params);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rule_versions');
  }
}
