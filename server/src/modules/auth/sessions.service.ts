import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { SessionView } from '@conveyor/shared';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { Database } from '../../database/database.js';
import { SessionEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import { sha256, SESSION_DAYS } from './credentials.js';

/** Sessions of managers and phones: opened at sign-in, listed, ended one by one or everywhere (a lost phone, someone who left). */
@Injectable()
export class SessionsService implements OnModuleInit {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  onModuleInit(): void {
    // Someone who leaves is signed out of every phone (live feed included) and their invites stop working.
    this.events.handle('employee.deactivated', async (em, { employeeId, at }) => {
      const ids = await this.repo.signOutEverywhere(em, 'employee', employeeId, at);
      this.db.afterCommit(em, () => this.revoked(ids));
    });
  }

  /** Opens a session in the caller's transaction; returns the token for the cookie. */
  async open(em: EntityManager, role: 'manager' | 'employee', subjectId: string, userAgent: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.repo.insertSession(
      em,
      Object.assign(new SessionEntity(), {
        id: randomUUID(),
        tokenHash: sha256(token).toString('hex'),
        role,
        subjectId,
        userAgent: userAgent.slice(0, 300),
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS[role] * 86_400_000).toISOString(),
        revokedAt: null,
      }),
    );
    return token;
  }

  async logout(sessionId: string): Promise<void> {
    await this.db.write((em) => this.repo.revokeSession(em, sessionId, this.clock.now().toISOString()));
    this.revoked([sessionId]);
  }

  /** Signs a person out on every device (a lost phone: a manager does it for the employee). */
  async logoutEverywhere(role: 'manager' | 'employee', subjectId: string): Promise<number> {
    const ids = await this.db.write((em) => this.repo.signOutEverywhere(em, role, subjectId, this.clock.now().toISOString()));
    this.revoked(ids);
    this.log.log(`signed ${role} ${subjectId} out of ${ids.length} session(s)`);
    return ids.length;
  }

  async sessionsOf(role: 'manager' | 'employee', subjectId: string): Promise<SessionView[]> {
    const now = this.clock.now().toISOString();
    const rows = await this.db.read((em) => this.repo.sessionsOf(em, role, subjectId));
    return rows
      .filter((s) => !s.revokedAt && s.expiresAt > now)
      .map((s) => ({
        id: s.id,
        role: s.role,
        subjectId: s.subjectId,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        userAgent: s.userAgent,
      }));
  }

  /** Tells the live layer which sessions or tokens stopped working, so their sockets close. */
  revoked(credentialIds: readonly string[]): void {
    if (credentialIds.length > 0) this.events.emit('credentials.revoked', [...credentialIds]);
  }
}
