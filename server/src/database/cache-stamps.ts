import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { bind } from './sql.js';

/** The kinds of in-memory copies kept across requests (rows of `cache_stamps`). */
export type CacheName = 'scoring' | 'tokens' | 'integrations';

/**
 * A copy of data another instance may change, kept in memory while the stamp it was read at still
 * stands in the database. A change calls `invalidate` in its own transaction: a new random stamp
 * commits with the change (and vanishes with it on rollback, so a copy read inside a rolled-back
 * transaction never matches again). Each use reads the stamp first (one primary-key read), so a
 * change made through any instance is seen by the next use everywhere, with no message to lose.
 */
export class StampedCache<T> {
  private kept: { stamp: string; value: T } | null = null;
  /** The copy a transaction has already checked: within it the stamp cannot change but by its own `invalidate`. */
  private readonly checked = new WeakMap<EntityManager, { stamp: string; value: T }>();

  constructor(private readonly name: CacheName) {}

  /** The kept copy if its stamp still stands, else `load()`'s, kept under the stamp read before it. */
  async get(em: EntityManager, load: () => Promise<T>): Promise<T> {
    if (this.kept && this.checked.get(em) === this.kept) return this.kept.value;
    const stamp = await readStamp(em, this.name);
    if (!this.kept || this.kept.stamp !== stamp) this.kept = { stamp, value: await load() };
    // A transaction's manager checks once (writes are serialized, so no other instance changes the
    // stamp under it); the shared manager outside transactions checks on every use.
    if (em.queryRunner) this.checked.set(em, this.kept);
    return this.kept.value;
  }

  /** In the transaction of a change: every instance's copy is stale from its commit on. */
  async invalidate(em: EntityManager): Promise<void> {
    this.kept = null;
    const [sql, params] = bind(em, 'UPDATE cache_stamps SET stamp = :stamp WHERE name = :name', {
      stamp: randomUUID(),
      name: this.name,
    });
    await em.query(sql, params);
  }
}

async function readStamp(em: EntityManager, name: CacheName): Promise<string> {
  const [sql, params] = bind(em, 'SELECT stamp FROM cache_stamps WHERE name = :name', { name });
  const rows: { stamp: string }[] = await em.query(sql, params);
  return rows[0]?.stamp ?? '';
}
