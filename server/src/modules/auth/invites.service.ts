import { Injectable, Logger } from '@nestjs/common';
import type { Invite } from '@conveyor/shared';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { OrgDirectory } from '../org/org.directory.js';
import { InviteEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import { INVITE_DAYS, sha256 } from './credentials.js';
import { SessionsService } from './sessions.service.js';
import { SignInThrottle, tooManyAttempts } from './sign-in-throttle.js';

/** One-time links that sign an employee's phone in for a year (valid 7 days, stored as hashes). */
@Injectable()
export class InvitesService {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly org: OrgDirectory,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
  ) {}

  /** Signs an employee out of every phone (a lost phone); someone unknown is a 404, not a quiet no-op. */
  async signOutPhones(employeeId: string): Promise<number> {
    const employee = await this.db.read((em) => this.org.findEmployee(em, employeeId));
    if (!employee) throw DomainError.notFound('Employee', employeeId);
    return this.sessions.logoutEverywhere('employee', employeeId);
  }

  async invite(employeeId: string, createdBy: string): Promise<Invite> {
    const code = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString();
    await this.db.write(async (em) => {
      const employee = await this.org.findEmployee(em, employeeId);
      if (!employee) throw DomainError.notFound('Employee', employeeId);
      if (!employee.active)
        throw new DomainError('unprocessable', 'Employee is not active', [
          { index: 0, field: 'id', reason: `${employeeId} is deactivated` },
        ]).withCode('employee.inactive');
      await this.repo.insertInvite(
        em,
        Object.assign(new InviteEntity(), {
          codeHash: sha256(code).toString('hex'),
          employeeId,
          createdBy,
          createdAt: now.toISOString(),
          expiresAt,
          usedAt: null,
        }),
      );
    });
    return { employeeId, code, path: `/me#invite=${code}`, expiresAt };
  }

  /** Turns a one-time invite into a long-lived phone session. */
  async redeem(code: string, ip: string, userAgent: string): Promise<{ token: string; employeeId: string }> {
    // As with passwords: an attempt counts against the address until it succeeds.
    const wait = await this.throttle.beginInvite(ip);
    if (wait > 0) throw tooManyAttempts('Too many failed attempts; try again later', 'code', wait);
    const now = this.clock.now().toISOString();
    const result = await this.db.write(async (em) => {
      const hash = sha256(code).toString('hex');
      const invite = await this.repo.invite(em, hash);
      const employee = invite ? await this.org.findEmployee(em, invite.employeeId) : null;
      if (!invite || invite.usedAt || invite.expiresAt <= now || !employee?.active)
        return {
          error: !invite ? 'unknown code' : invite.usedAt ? 'already used' : invite.expiresAt <= now ? 'expired' : 'employee inactive',
        } as const;
      if (!(await this.repo.useInvite(em, hash, now))) return { error: 'already used' } as const;
      return { token: await this.sessions.open(em, 'employee', invite.employeeId, userAgent), employeeId: invite.employeeId };
    });
    if ('error' in result) {
      this.log.warn(`invite refused from ${ip}: ${result.error}`);
      throw new DomainError('unauthenticated', 'This invite link does not work any more; ask your manager for a new one', [
        { index: 0, field: 'code', reason: String(result.error) },
      ]).withCode('auth.invite_invalid');
    }
    await this.throttle.inviteOk(ip);
    this.log.log(`employee ${result.employeeId} signed in with an invite from ${ip}`);
    return result;
  }
}
