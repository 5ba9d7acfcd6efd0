import { Injectable } from '@nestjs/common';
import type { Moment, MomentPayloads, MomentsSnapshot, MomentType } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { AppEvents } from '../../common/app-events.js';
import { Database } from '../../database/database.js';
import { OrgDirectory } from '../org/org.directory.js';
import { MomentsRepository } from './moments.repository.js';

/** The door to the numbered moments: rooms record them in their own transactions; screens read the latest. */
@Injectable()
export class MomentsService {
  constructor(
    private readonly db: Database,
    private readonly repo: MomentsRepository,
    private readonly events: AppEvents,
    private readonly org: OrgDirectory,
  ) {}

  /** People's photo addresses as they are now (null: none), read from the people's directory for a moment's card. */
  photos(em: EntityManager, employeeIds: readonly string[]): Promise<Map<string, string | null>> {
    return employeeIds.length === 0 ? Promise.resolve(new Map<string, string | null>()) : this.org.employeePhotoUrls(em, employeeIds);
  }

  /** Records a moment in the caller's transaction, numbered one after the last. */
  record<K extends MomentType>(em: EntityManager, type: K, data: MomentPayloads[K], at: string): Promise<Moment> {
    return this.repo.record(em, type, data, at);
  }

  /** Announces moments recorded outside the ledger once the transaction of `em` has committed. */
  announceAfterCommit(em: EntityManager, moments: Moment[]): void {
    this.db.afterCommit(em, () => this.events.emit('moments.recorded', moments));
  }

  /** The latest version and the last `limit` moments, oldest first. */
  snapshot(limit: number): Promise<MomentsSnapshot> {
    return this.db.read((em) => this.repo.snapshot(em, limit));
  }
}
