import { Injectable } from '@nestjs/common';
import type { Readiness, ReadinessState } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { RedisLink } from '../../core/redis.js';

/** How long a probe waits for the database or Redis: a probe that hangs is as bad as one that fails. */
export const PROBE_TIMEOUT_MS = 2_000;

/**
 * Whether this instance may take traffic: the database answers `SELECT 1` in time and has every
 * migration of this build, and Redis (when configured) answers PING. Redis not answering leaves the
 * instance ready but degraded: it serves its own sockets and limits alone meanwhile (docs/deploy.md).
 */
@Injectable()
export class ReadinessProbe {
  /** Once every migration of this build has run, none can become pending again. */
  private migrated = false;

  constructor(
    private readonly db: Database,
    private readonly redis: RedisLink,
  ) {}

  async check(): Promise<Readiness> {
    const [database, redis] = await Promise.all([this.database(), this.redisState()]);
    if (database !== null) throw notReady('database', database);
    const pending = await this.pendingMigrations().catch(() => null);
    if (pending === null) throw notReady('database', 'no answer while reading the migrations table');
    if (pending) throw notReady('migrations', 'this build has migrations the database has not run yet');
    return {
      status: redis === 'down' ? 'degraded' : 'ready',
      checks: { database: 'ok', migrations: 'ok', redis },
    };
  }

  /** Null when the database answers; else why not. */
  private async database(): Promise<string | null> {
    try {
      await withTimeout(this.db.manager.query('SELECT 1'), PROBE_TIMEOUT_MS);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async pendingMigrations(): Promise<boolean> {
    if (this.migrated) return false;
    const pending = await withTimeout(this.db.dataSource.showMigrations(), PROBE_TIMEOUT_MS);
    this.migrated = !pending;
    return pending;
  }

  private async redisState(): Promise<ReadinessState> {
    const client = this.redis.client;
    if (!client) return 'off';
    try {
      await withTimeout(client.ping(), PROBE_TIMEOUT_MS);
      return 'ok';
    } catch {
      return 'down';
    }
  }
}

function notReady(field: 'database' | 'migrations', reason: string): DomainError {
  const what = field === 'database' ? 'the database does not answer' : 'migrations are pending';
  return new DomainError('unavailable', `Not ready: ${what}`, [{ index: 0, field, reason }]);
}

/** Resolves as `work` does, or rejects after `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
