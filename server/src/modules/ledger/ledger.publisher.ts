import { Injectable } from '@nestjs/common';
import type { Award, Moment, Role } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { AppEvents } from '../../common/app-events.js';
import { Database } from '../../database/database.js';

/** What a write appended, as the live layer hears it. */
export interface Appended {
  awards: Award[];
  roles: Record<string, Role>;
  /** Grade changes, targets reached and big payments recorded with these entries. */
  moments: Moment[];
}

/** Tells the rest of the app what the ledger appended, once the transaction that appended it has committed. */
@Injectable()
export class LedgerPublisher {
  constructor(
    private readonly db: Database,
    private readonly events: AppEvents,
  ) {}

  afterCommit(em: EntityManager, appended: Appended): void {
    if (appended.awards.length === 0 && appended.moments.length === 0) return;
    this.db.afterCommit(em, () => this.events.emit('ledger.appended', appended));
  }
}
