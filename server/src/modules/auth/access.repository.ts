import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountEntity, ApiTokenEntity, AuditEntity, InviteEntity, SessionEntity } from './access.entities.js';

/** All database access for accounts, sessions, invites, API tokens and the audit log. */
@Injectable()
export class AccessRepository {
  account(em: EntityManager, id: string): Promise<AccountEntity | null> {
    return em.findOneBy(AccountEntity, { id });
  }

  accountByEmail(em: EntityManager, email: string): Promise<AccountEntity | null> {
    return em.findOneBy(AccountEntity, { email });
  }

  accounts(em: EntityManager): Promise<AccountEntity[]> {
    return em.find(AccountEntity, { order: { createdAt: 'ASC' } });
  }

  async saveAccount(em: EntityManager, account: AccountEntity): Promise<void> {
    await em.save(AccountEntity, account);
  }

  session(em: EntityManager, tokenHash: string): Promise<SessionEntity | null> {
    return em.findOneBy(SessionEntity, { tokenHash });
  }

  sessionsOf(em: EntityManager, role: 'manager' | 'employee', subjectId: string): Promise<SessionEntity[]> {
    return em.find(SessionEntity, { where: { role, subjectId }, order: { createdAt: 'DESC' } });
  }

  async insertSession(em: EntityManager, session: SessionEntity): Promise<void> {
    await em.insert(SessionEntity, session);
  }

  async revokeSession(em: EntityManager, id: string, at: string): Promise<void> {
    await em.createQueryBuilder().update(SessionEntity).set({ revokedAt: at }).where('id = :id AND revoked_at IS NULL', { id }).execute();
  }

  /** Revokes every live session of a person; returns the ids revoked. */
  async revokeSessionsOf(em: EntityManager, role: 'manager' | 'employee', subjectId: string, at: string): Promise<string[]> {
    const live = (await this.sessionsOf(em, role, subjectId)).filter((s) => s.revokedAt === null);
    for (const s of live) await this.revokeSession(em, s.id, at);
    return live.map((s) => s.id);
  }

  /** Ends every session of a person and cancels their unused invites; returns the session ids. */
  async signOutEverywhere(em: EntityManager, role: 'manager' | 'employee', subjectId: string, at: string): Promise<string[]> {
    if (role === 'employee') {
      await em
        .createQueryBuilder()
        .update(InviteEntity)
        .set({ usedAt: at })
        .where('employee_id = :subjectId AND used_at IS NULL', { subjectId })
        .execute();
    }
    return this.revokeSessionsOf(em, role, subjectId, at);
  }

  async touchSession(em: EntityManager, id: string, at: string): Promise<void> {
    await em.update(SessionEntity, { id }, { lastSeenAt: at });
  }

  invite(em: EntityManager, codeHash: string): Promise<InviteEntity | null> {
    return em.findOneBy(InviteEntity, { codeHash });
  }

  async insertInvite(em: EntityManager, invite: InviteEntity): Promise<void> {
    await em.insert(InviteEntity, invite);
  }

  /** Marks an invite used, only if it was not: false when someone else used it first. */
  async useInvite(em: EntityManager, codeHash: string, at: string): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .update(InviteEntity)
      .set({ usedAt: at })
      .where('code_hash = :codeHash AND used_at IS NULL', { codeHash })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  tokens(em: EntityManager): Promise<ApiTokenEntity[]> {
    return em.find(ApiTokenEntity, { order: { createdAt: 'ASC' } });
  }

  token(em: EntityManager, id: string): Promise<ApiTokenEntity | null> {
    return em.findOneBy(ApiTokenEntity, { id });
  }

  async insertToken(em: EntityManager, token: ApiTokenEntity): Promise<void> {
    await em.insert(ApiTokenEntity, token);
  }

  async revokeToken(em: EntityManager, id: string, at: string): Promise<void> {
    await em.update(ApiTokenEntity, { id }, { revokedAt: at });
  }

  async touchToken(em: EntityManager, id: string, at: string): Promise<void> {
    await em.update(ApiTokenEntity, { id }, { lastUsedAt: at });
  }

  async appendAudit(em: EntityManager, entry: Omit<AuditEntity, 'id'>): Promise<void> {
    const row = await em.createQueryBuilder(AuditEntity, 'a').select('MAX(a.id)', 'id').getRawOne<{ id: number | null }>();
    await em.insert(AuditEntity, { ...entry, id: Number(row?.id ?? 0) + 1 });
  }

  /** The first-day checklist's counts, in one statement. */
  async counts(
    em: EntityManager,
  ): Promise<{ integrationTokens: number; displayTokens: number; invites: number; employeeSessions: number }> {
    const [row] = await em.query<Record<'integrationTokens' | 'displayTokens' | 'invites' | 'employeeSessions', number | string>[]>(
      `SELECT (SELECT COUNT(*) FROM api_tokens WHERE kind = 'integration' AND revoked_at IS NULL) AS "integrationTokens",
              (SELECT COUNT(*) FROM api_tokens WHERE kind = 'display' AND (revoked_at IS NULL OR last_used_at IS NOT NULL)) AS "displayTokens",
              (SELECT COUNT(*) FROM invites) AS "invites",
              (SELECT COUNT(*) FROM sessions WHERE role = 'employee') AS "employeeSessions"`,
    );
    return {
      integrationTokens: Number(row?.integrationTokens ?? 0),
      displayTokens: Number(row?.displayTokens ?? 0),
      invites: Number(row?.invites ?? 0),
      employeeSessions: Number(row?.employeeSessions ?? 0),
    };
  }

  audit(
    em: EntityManager,
    beforeId: number | null,
    limit: number,
    filter: { action?: string; actorId?: string } = {},
  ): Promise<AuditEntity[]> {
    const q = em.createQueryBuilder(AuditEntity, 'a').where('1 = 1').orderBy('a.id', 'DESC').take(limit);
    if (beforeId !== null) q.andWhere('a.id < :beforeId', { beforeId });
    if (filter.action !== undefined) q.andWhere('a.action = :action', { action: filter.action });
    if (filter.actorId !== undefined) q.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    return q.getMany();
  }
}
