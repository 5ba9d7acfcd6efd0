import { Injectable, Logger } from '@nestjs/common';
import type { Account, Locale, WhoAmI } from '@conveyor/shared';
import argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../common/access.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { OrgDirectory } from '../org/org.directory.js';
import { AccountEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import { dummyHash, toAccount } from './credentials.js';
import { SessionsService } from './sessions.service.js';
import { SignInThrottle, tooManyAttempts } from './sign-in-throttle.js';

/** Manager accounts (argon2id passwords), signing in with them, and each person's choice of language. */
@Injectable()
export class AccountsService {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly org: OrgDirectory,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottle,
    private readonly clock: Clock,
  ) {}

  whoAmI(p: Principal): WhoAmI {
    return { role: p.role, id: p.id, name: p.name, locale: p.locale };
  }

  /** Signs a manager in; returns the session token for the cookie. Failures are counted and logged. */
  async login(email: string, password: string, ip: string, userAgent: string): Promise<{ token: string; account: Account }> {
    const wait = await this.throttle.beginPassword(email, ip);
    if (wait > 0) {
      this.log.warn(`sign-in refused for ${email} from ${ip}: too many failed attempts, retry in ${wait} s`);
      throw tooManyAttempts('Too many failed sign-ins; try again later', 'email', wait);
    }
    const account = await this.db.read((em) => this.repo.accountByEmail(em, email));
    // Verify against a dummy hash when the account is unknown, so timing does not tell.
    const ok = await argon2.verify(account?.passwordHash ?? (await dummyHash()), password).catch(() => false);
    if (!account || !ok || account.disabledAt) {
      this.log.warn(
        `sign-in failed for ${email} from ${ip}: ${!account ? 'no such account' : account.disabledAt ? 'account disabled' : 'wrong password'}`,
      );
      throw new DomainError('unauthenticated', 'Wrong email or password', [
        { index: 0, field: 'password', reason: 'wrong email or password' },
      ]).withCode('auth.wrong_password');
    }
    await this.throttle.passwordOk(email, ip);
    const now = this.clock.now().toISOString();
    const token = await this.db.write(async (em) => {
      account.lastSignInAt = now;
      await this.repo.saveAccount(em, account);
      return this.sessions.open(em, 'manager', account.id, userAgent);
    });
    this.log.log(`manager ${email} signed in from ${ip}`);
    return { token, account: toAccount(account) };
  }

  async create(input: { email: string; name: string; password: string }): Promise<Account> {
    const hash = await argon2.hash(input.password, { type: argon2.argon2id });
    return this.db.write(async (em) => {
      if (await this.repo.accountByEmail(em, input.email)) {
        throw new DomainError('conflict', 'That email has an account', [
          { index: 0, field: 'email', reason: `${input.email} already has an account` },
        ]).withCode('auth.email_taken');
      }
      const account = Object.assign(new AccountEntity(), {
        id: randomUUID(),
        email: input.email,
        name: input.name,
        passwordHash: hash,
        locale: null,
        createdAt: this.clock.now().toISOString(),
        disabledAt: null,
        lastSignInAt: null,
      });
      await this.repo.saveAccount(em, account);
      return toAccount(account);
    });
  }

  async update(id: string, input: { name?: string; password?: string; active?: boolean }): Promise<Account> {
    const hash = input.password ? await argon2.hash(input.password, { type: argon2.argon2id }) : null;
    const { account, revoked } = await this.db.write(async (em) => {
      const account = await this.repo.account(em, id);
      if (!account) throw DomainError.notFound('Account', id);
      const now = this.clock.now().toISOString();
      if (input.name !== undefined) account.name = input.name;
      if (hash) account.passwordHash = hash;
      if (input.active !== undefined) account.disabledAt = input.active ? null : (account.disabledAt ?? now);
      await this.repo.saveAccount(em, account);
      // A new password or a disabled account signs the person out everywhere.
      const revoked = hash || input.active === false ? await this.repo.revokeSessionsOf(em, 'manager', id, now) : [];
      return { account, revoked };
    });
    this.sessions.revoked(revoked);
    return toAccount(account);
  }

  async list(): Promise<Account[]> {
    return (await this.db.read((em) => this.repo.accounts(em))).map(toAccount);
  }

  async setLocale(p: Principal, locale: Locale | null): Promise<WhoAmI> {
    await this.db.write(async (em) => {
      if (p.role === 'manager' && p.via === 'session') {
        const account = await this.repo.account(em, p.id);
        if (account) await this.repo.saveAccount(em, Object.assign(account, { locale }));
      } else if (p.role === 'employee') {
        await this.org.setEmployeeLocale(em, p.id, locale);
      }
    });
    return this.whoAmI({ ...p, locale });
  }
}
