import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 200, unique: true }) email: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { name: 'password_hash', length: 200 }) passwordHash: string;
  @Column('varchar', { length: 2, nullable: true }) locale: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'disabled_at', length: 30, nullable: true }) disabledAt: string | null;
  @Column('varchar', { name: 'last_sign_in_at', length: 30, nullable: true }) lastSignInAt: string | null;
}

@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { name: 'token_hash', length: 64, unique: true }) tokenHash: string;
  @Column('varchar', { length: 10 }) role: 'manager' | 'employee';
  @Column('varchar', { name: 'subject_id', length: 128 }) subjectId: string;
  @Column('varchar', { name: 'user_agent', length: 300 }) userAgent: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'last_seen_at', length: 30 }) lastSeenAt: string;
  @Column('varchar', { name: 'expires_at', length: 30 }) expiresAt: string;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt: string | null;
}

@Entity('invites')
export class InviteEntity {
  @PrimaryColumn('varchar', { name: 'code_hash', length: 64 }) codeHash: string;
  @Column('varchar', { name: 'employee_id', length: 128 }) employeeId: string;
  @Column('varchar', { name: 'created_by', length: 128 }) createdBy: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'expires_at', length: 30 }) expiresAt: string;
  @Column('varchar', { name: 'used_at', length: 30, nullable: true }) usedAt: string | null;
}

@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 12 }) kind: 'display' | 'integration';
  @Column('varchar', { length: 100 }) name: string;
  @Column('varchar', { name: 'token_hash', length: 64, unique: true }) tokenHash: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'last_used_at', length: 30, nullable: true }) lastUsedAt: string | null;
  @Column('varchar', { name: 'revoked_at', length: 30, nullable: true }) revokedAt: string | null;
}

@Entity('audit_log')
export class AuditEntity {
  @PrimaryColumn('integer') id: number;
  @Column('varchar', { length: 30 }) at: string;
  @Column('varchar', { name: 'actor_role', length: 12 }) actorRole: string;
  @Column('varchar', { name: 'actor_id', length: 128 }) actorId: string;
  @Column('varchar', { name: 'actor_name', length: 200 }) actorName: string;
  @Column('varchar', { length: 60 }) action: string;
  @Column('varchar', { length: 200, nullable: true }) target: string | null;
  @Column('text', { nullable: true }) before: string | null;
  @Column('text', { nullable: true }) after: string | null;
}
