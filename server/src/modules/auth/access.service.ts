import { Injectable, Logger } from '@nestjs/common';
import type { Account, ApiToken, CreatedToken, Invite, Locale, SessionView, TokenKind, WhoAmI } from '@conveyor/shared';
import argon2 from 'argon2';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { RateLimiter } from '../../common/rate-limit.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { OrgRepository } from '../org/org.repository.js';
import { AccountEntity, ApiTokenEntity, InviteEntity, SessionEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import type { Principal } from './access.js';

export const SESSION_COOKIE = 'conveyor_session';
/** A manager's session lasts two weeks; an employee's phone stays signed in for a year (revocable). */
export const SESSION_DAYS = { manager: 14, employee: 365 } as const;
export const INVITE_DAYS = 7;
/** last_seen / last_used are written at most this often per credential. */
const TOUCH_MS = 60_000;
/** API tokens are re-read this often, so a revoke in another process takes effect. */
const TOKEN_CACHE_MS = 10_000;

/**
 * Resolves who a request or socket comes from (bearer token or session cookie) and manages the
 * credentials: manager accounts and their passwords (argon2id), sessions, one-time employee
 * invites, and named display / integration tokens. Only hashes of secrets are stored.
 */
@Injectable()
export class AccessService {
  private readonly log = new Logger('Auth');
  private readonly admin: Buffer;
  private readonly display: Buffer;
  private tokenCache: { at: number; byHash: Map<string, ApiTokenEntity> } | null = null;
  private readonly touched = new Map<string, number>();
  /**
   * Failed sign-ins: 5 per account and 50 per address in 15 minutes (a whole office may share one
   * address behind its router; the per-account limit is what stops guessing a password).
   */
  private readonly failuresByEmail = new RateLimiter(5, 5 / 900);
  private readonly failuresByIp = new RateLimiter(50, 50 / 900);

  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly org: OrgRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {
    this.admin = sha256(config.adminToken);
    this.display = sha256(config.displayToken);
  }

  // ---- resolving ----

  async fromBearer(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const hash = sha256(token);
    if (timingSafeEqual(hash, this.admin))
      return { role: 'manager', id: 'bootstrap', name: 'Admin token', locale: null, via: 'token', credentialId: 'bootstrap' };
    if (timingSafeEqual(hash, this.display))
      return { role: 'display', id: 'default-screen', name: 'Default screen', locale: null, via: 'token', credentialId: 'default-screen' };
    const row = (await this.tokens()).get(hash.toString('hex'));
    if (!row || row.revokedAt) return null;
    this.touch(`token:${row.id}`, (em, at) => this.repo.touchToken(em, row.id, at));
    return { role: row.kind, id: row.id, name: row.name, locale: null, via: 'token', credentialId: row.id };
  }

  async fromCookie(cookieHeader: string | undefined): Promise<Principal | null> {
    const value = readCookie(cookieHeader, SESSION_COOKIE);
    if (!value) return null;
    const em = this.db.manager;
    const session = await this.repo.session(em, sha256(value).toString('hex'));
    const now = this.clock.now().toISOString();
    if (!session || session.revokedAt || session.expiresAt <= now) return null;
    let who: Pick<Principal, 'name' | 'locale'> | null = null;
    if (session.role === 'manager') {
      const account = await this.repo.account(em, session.subjectId);
      if (account && !account.disabledAt) who = { name: account.name, locale: asLocale(account.locale) };
    } else {
      const employee = await this.org.findEmployee(em, session.subjectId);
      if (employee?.active) who = { name: employee.name, locale: asLocale(employee.locale) };
    }
    if (!who) return null;
    this.touch(`session:${session.id}`, (e, at) => this.repo.touchSession(e, session.id, at));
    return { role: session.role, id: session.subjectId, ...who, via: 'session', credentialId: session.id };
  }

  whoAmI(p: Principal): WhoAmI {
    return { role: p.role, id: p.id, name: p.name, locale: p.locale };
  }

  // ---- managers ----

  /** Signs a manager in; returns the session token for the cookie. Failures are counted and logged. */
  async login(email: string, password: string, ip: string, userAgent: string): Promise<{ token: string; account: Account }> {
    const keyIp = `ip:${ip}`;
    const keyEmail = `email:${email}`;
    // An attempt counts as a failure until it succeeds: parallel guesses cannot slip past the limit.
    let wait = this.failuresByEmail.take(keyEmail);
    if (wait === 0) {
      wait = this.failuresByIp.take(keyIp);
      if (wait > 0) this.failuresByEmail.refund(keyEmail);
    }
    if (wait > 0) {
      this.log.warn(`sign-in refused for ${email} from ${ip}: too many failed attempts, retry in ${wait} s`);
      throw new DomainError(
        'too_many',
        'Too many failed sign-ins; try again later',
        [{ index: 0, field: 'email', reason: `retry in ${wait} seconds` }],
        wait,
      );
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
      ]);
    }
    this.failuresByEmail.reset(keyEmail);
    this.failuresByIp.refund(keyIp);
    const now = this.clock.now().toISOString();
    const token = await this.db.write(async (em) => {
      account.lastSignInAt = now;
      await this.repo.saveAccount(em, account);
      return this.newSession(em, 'manager', account.id, userAgent);
    });
    this.log.log(`manager ${email} signed in from ${ip}`);
    return { token, account: toAccount(account) };
  }

  async createAccount(input: { email: string; name: string; password: string }): Promise<Account> {
    const hash = await argon2.hash(input.password, { type: argon2.argon2id });
    return this.db.write(async (em) => {
      if (await this.repo.accountByEmail(em, input.email)) {
        throw new DomainError('conflict', 'That email has an account', [
          { index: 0, field: 'email', reason: `${input.email} already has an account` },
        ]);
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

  async updateAccount(id: string, input: { name?: string; password?: string; active?: boolean }): Promise<Account> {
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
    this.revoked(revoked);
    return toAccount(account);
  }

  async listAccounts(): Promise<Account[]> {
    return (await this.db.read((em) => this.repo.accounts(em))).map(toAccount);
  }

  // ---- sessions ----

  async logout(p: Principal): Promise<void> {
    if (p.via !== 'session') return;
    await this.db.write((em) => this.repo.revokeSession(em, p.credentialId, this.clock.now().toISOString()));
    this.revoked([p.credentialId]);
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

  // ---- employee invites ----

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
        ]);
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
    const wait = this.failuresByIp.take(`ip:${ip}`);
    if (wait > 0)
      throw new DomainError(
        'too_many',
        'Too many failed attempts; try again later',
        [{ index: 0, field: 'code', reason: `retry in ${wait} seconds` }],
        wait,
      );
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
      return { token: await this.newSession(em, 'employee', invite.employeeId, userAgent), employeeId: invite.employeeId };
    });
    if ('error' in result) {
      this.log.warn(`invite refused from ${ip}: ${result.error}`);
      throw new DomainError('unauthenticated', 'This invite link does not work any more; ask your manager for a new one', [
        { index: 0, field: 'code', reason: String(result.error) },
      ]);
    }
    this.failuresByIp.refund(`ip:${ip}`);
    this.log.log(`employee ${result.employeeId} signed in with an invite from ${ip}`);
    return result;
  }

  // ---- screens and integrations ----

  async createToken(kind: TokenKind, name: string): Promise<CreatedToken> {
    const token = `cv_${kind === 'display' ? 'scr' : 'int'}_${randomBytes(24).toString('base64url')}`;
    const row = Object.assign(new ApiTokenEntity(), {
      id: randomUUID(),
      kind,
      name,
      tokenHash: sha256(token).toString('hex'),
      createdAt: this.clock.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.db.write((em) => this.repo.insertToken(em, row));
    this.tokenCache = null;
    return { ...toToken(row), token };
  }

  async listTokens(): Promise<ApiToken[]> {
    return (await this.db.read((em) => this.repo.tokens(em))).map(toToken);
  }

  async revokeToken(id: string): Promise<ApiToken> {
    const row = await this.db.write(async (em) => {
      const row = await this.repo.token(em, id);
      if (!row) throw DomainError.notFound('Token', id);
      if (!row.revokedAt) {
        row.revokedAt = this.clock.now().toISOString();
        await this.repo.revokeToken(em, id, row.revokedAt);
      }
      return row;
    });
    this.tokenCache = null;
    this.revoked([id]);
    return toToken(row);
  }

  // ---- internals ----

  private async newSession(
    em: Parameters<AccessRepository['insertSession']>[0],
    role: 'manager' | 'employee',
    subjectId: string,
    userAgent: string,
  ): Promise<string> {
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

  private async tokens(): Promise<Map<string, ApiTokenEntity>> {
    const now = Date.now();
    if (!this.tokenCache || now - this.tokenCache.at > TOKEN_CACHE_MS) {
      const rows = await this.repo.tokens(this.db.manager);
      this.tokenCache = { at: now, byHash: new Map(rows.map((r) => [r.tokenHash, r])) };
    }
    return this.tokenCache.byHash;
  }

  /** Records last use at most once a minute per credential, off the request's path. */
  private touch(key: string, write: (em: Parameters<AccessRepository['touchToken']>[0], at: string) => Promise<void>): void {
    const now = Date.now();
    if (now - (this.touched.get(key) ?? 0) < TOUCH_MS) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(key, now);
    const at = this.clock.now().toISOString();
    this.db.write((em) => write(em, at)).catch((error: unknown) => this.log.error(`recording last use failed: ${String(error)}`));
  }

  private revoked(credentialIds: readonly string[]): void {
    if (credentialIds.length > 0) this.events.emit('credentials.revoked', [...credentialIds]);
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

let dummy: Promise<string> | null = null;
function dummyHash(): Promise<string> {
  return (dummy ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id }));
}

function asLocale(value: string | null): Locale | null {
  return value === 'ru' || value === 'en' ? value : null;
}

/** One cookie's value from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

function toAccount(a: AccountEntity): Account {
  return { id: a.id, email: a.email, name: a.name, active: a.disabledAt === null, createdAt: a.createdAt, lastSignInAt: a.lastSignInAt };
}

function toToken(t: ApiTokenEntity): ApiToken {
  return { id: t.id, kind: t.kind, name: t.name, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, revokedAt: t.revokedAt };
}
