import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * People and access: manager accounts (argon2id hashes), sessions (httpOnly cookies; only a hash
 * is stored), one-time employee invites (hashed), named display and integration tokens (hashed),
 * the audit log of manager actions, and each employee's language.
 */
export class Access1764500000000 implements MigrationInterface {
  name = 'Access1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const at = (name: string, nullable = false) => ({ name, type: 'varchar', length: '30', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'accounts',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'email', type: 'varchar', length: '200', isUnique: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'password_hash', type: 'varchar', length: '200' },
          { name: 'locale', type: 'varchar', length: '2', isNullable: true },
          at('created_at'),
          at('disabled_at', true),
          at('last_sign_in_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'role', type: 'varchar', length: '10' },
          { name: 'subject_id', type: 'varchar', length: '128' },
          { name: 'user_agent', type: 'varchar', length: '300' },
          at('created_at'),
          at('last_seen_at'),
          at('expires_at'),
          at('revoked_at', true),
        ],
        indices: [new TableIndex({ name: 'idx_sessions_subject', columnNames: ['role', 'subject_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invites',
        columns: [
          { name: 'code_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'employee_id', type: 'varchar', length: '128' },
          { name: 'created_by', type: 'varchar', length: '128' },
          at('created_at'),
          at('expires_at'),
          at('used_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '12' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          at('created_at'),
          at('last_used_at', true),
          at('revoked_at', true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          at('at'),
          { name: 'actor_role', type: 'varchar', length: '12' },
          { name: 'actor_id', type: 'varchar', length: '128' },
          { name: 'actor_name', type: 'varchar', length: '200' },
          { name: 'action', type: 'varchar', length: '60' },
          { name: 'target', type: 'varchar', length: '200', isNullable: true },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
        ],
      }),
    );
    await q.addColumn('employees', new TableColumn({ name: 'locale', type: 'varchar', length: '2', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('employees', 'locale');
    for (const table of ['audit_log', 'api_tokens', 'invites', 'sessions', 'accounts']) await q.dropTable(table);
  }
}
