import { Injectable, Logger } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../common/access.js';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { StampedCache } from '../../database/cache-stamps.js';
import { Database } from '../../database/database.js';
import { OrgDirectory } from '../org/org.directory.js';
import type { ApiTokenEntity } from './access.entities.js';
import { AccessRepository } from './access.repository.js';
import { asLocale, readCookie, sha256, SESSION_COOKIE } from './credentials.js';

/** last_seen / last_used are written at most this often per credential. */
const TOUCH_MS = 60_000;

/** Resolves who a request or socket comes from: a bearer token (configured or named) or a session cookie. */
@Injectable()
export class PrincipalResolver {
  private readonly log = new Logger('Auth');
  private readonly admin: Buffer;
  private readonly display: Buffer;
  /** Named tokens by hash, re-read when any instance made or revoked one (see `StampedCache`). */
  private readonly tokenCache = new StampedCache<Map<string, ApiTokenEntity>>('tokens');
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
    private readonly org: OrgDirectory,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.admin = sha256(config.adminToken);
    this.display = sha256(config.displayToken);
  }

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

  /** In the transaction that makes or revokes a named token: every instance reads them again after the commit. */
  forgetTokens(em: EntityManager): Promise<void> {
    return this.tokenCache.invalidate(em);
  }

  private tokens(): Promise<Map<string, ApiTokenEntity>> {
    const em = this.db.manager;
    return this.tokenCache.get(em, async () => new Map((await this.repo.tokens(em)).map((r) => [r.tokenHash, r])));
  }

  /** Records last use at most once a minute per credential, off the request's path. */
  private touch(key: string, write: (em: EntityManager, at: string) => Promise<void>): void {
    const now = Date.now();
    if (now - (this.touched.get(key) ?? 0) < TOUCH_MS) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(key, now);
    const at = this.clock.now().toISOString();
    this.db.write((em) => write(em, at)).catch((error: unknown) => this.log.error(`recording last use failed: ${String(error)}`));
  }
}
