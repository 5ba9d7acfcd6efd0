import { Injectable } from '@nestjs/common';
import type { Moment, MomentPayloads, MomentsSnapshot, MomentType } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { MomentEntity } from './moment.entity.js';

/**
 * Numbered moments (grade changes, targets reached, periods closed, new clients, renewals, big payments),
 * written in the transaction of
 * the change they announce: a moment is stored exactly when its change commits, and its version
 * (one more than the last, across restarts and processes) lets live clients notice a gap.
 */
@Injectable()
export class MomentsRepository {
  async record<K extends MomentType>(em: EntityManager, type: K, data: MomentPayloads[K], at: string): Promise<Moment> {
    const version = (await this.latestVersion(em)) + 1;
    await em.insert(MomentEntity, { version, type, data: JSON.stringify(data), at });
    return { version, type, data } as Moment;
  }

  async latestVersion(em: EntityManager): Promise<number> {
    const row = await em.createQueryBuilder(MomentEntity, 'm').select('MAX(m.version)', 'v').getRawOne<{ v: number | string | null }>();
    return Number(row?.v ?? 0);
  }

  /** The latest version and the last `limit` moments, oldest first. */
  async snapshot(em: EntityManager, limit: number): Promise<MomentsSnapshot> {
    const rows = await em.find(MomentEntity, { order: { version: 'DESC' }, take: limit });
    const recent = rows
      .reverse()
      .map((r) => ({ version: Number(r.version), type: r.type, data: JSON.parse(r.data) as Moment['data'] }) as Moment);
    return { version: recent.at(-1)?.version ?? 0, recent };
  }
}
