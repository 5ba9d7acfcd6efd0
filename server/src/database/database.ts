import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { WriteLane } from '../common/write-lane.js';

/**
 * Every write transaction on PostgreSQL starts by taking this transaction-level advisory lock, so the
 * writes of several instances on one database run one at a time, as the lane runs them in one process:
 * running totals, threshold bonuses and period closing read what the previous write committed.
 */
export const WRITE_LOCK_KEY = 7_310_417;

/**
 * The one door to transactions: writes are serialized through a lane (and, on PostgreSQL, across
 * instances by an advisory lock), so no two writers collide, and what a transaction wants announced
 * runs only once it has committed.
 */
@Injectable()
export class Database {
  private readonly lane = new WriteLane();
  private readonly committed = new WeakMap<EntityManager, (() => void)[]>();
  private readonly rolledBack = new WeakMap<EntityManager, (() => void)[]>();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in one transaction, after every earlier write has finished; then its after-commit hooks. */
  async write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    let hooks: (() => void)[] = [];
    const result = await this.lane.run(async () => {
      const tx: { em?: EntityManager } = {};
      try {
        return await this.dataSource.transaction(async (em) => {
          tx.em = em;
          if (this.kind === 'postgres') await em.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
          const value = await work(em);
          hooks = this.committed.get(em) ?? [];
          return value;
        });
      } catch (error) {
        // Still inside the lane: whatever the transaction assumed is forgotten before the next one starts.
        if (tx.em) for (const hook of this.rolledBack.get(tx.em) ?? []) hook();
        throw error;
      }
    });
    for (const hook of hooks) hook();
    return result;
  }

  /**
   * Runs `work` in a transaction that always rolls back: what a change would do, exactly as the
   * write path would do it, with nothing kept and nothing announced.
   */
  async rehearse<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const rollback = new Error('rehearsal');
    let result: { value: T } | null = null;
    try {
      await this.write(async (em) => {
        result = { value: await work(em) };
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return result!.value;
  }

  /** Runs `hook` once the transaction of `em` has committed (never, if it rolls back). */
  afterCommit(em: EntityManager, hook: () => void): void {
    const hooks = this.committed.get(em);
    if (hooks) hooks.push(hook);
    else this.committed.set(em, [hook]);
  }

  /** Runs `hook` if the transaction of `em` fails, before the next write starts. */
  onRollback(em: EntityManager, hook: () => void): void {
    const hooks = this.rolledBack.get(em);
    if (hooks) hooks.push(hook);
    else this.rolledBack.set(em, [hook]);
  }

  /** Runs a read after queued writes, so it never sees a transaction half-way. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.lane.run(() => work(this.dataSource.manager));
  }
}

/** Splits a list so that a statement stays under the driver's parameter limit. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
