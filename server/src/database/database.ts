import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { WriteLane } from '../common/write-lane.js';

/** The one door to write transactions: serialized through a lane, so SQLite's single writer never collides. */
@Injectable()
export class Database {
  private readonly lane = new WriteLane();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /** Runs `work` in one transaction, after every earlier write has finished. */
  write<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.lane.run(() => this.dataSource.transaction(work));
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
