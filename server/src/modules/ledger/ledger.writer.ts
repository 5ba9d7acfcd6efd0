import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { totalDeltas, type EntryDraft } from '../../domain/ledger/rescore.js';
import { LedgerEntryEntity, StandingAwardEntity } from './ledger.entities.js';
import { LedgerRepository } from './ledger.repository.js';

/** The only code that appends to the ledger: entries, the standing-award projection and the running totals, in the caller's transaction. */
@Injectable()
export class LedgerWriter {
  /**
   * The next entry id of each open transaction: read from the table once per transaction (writes are
   * serialized, on PostgreSQL across instances by the write lock, so the transaction sees every id
   * taken before it) and counted here for its later appends. Not kept across transactions: another
   * instance on the same database appends in between, and an id counted on from a stale read collides.
   */
  private readonly nextIds = new WeakMap<EntityManager, number>();

  constructor(
    private readonly repo: LedgerRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Appends drafts with fresh ids, moves the standing awards, and adds to the running totals. */
  async append(em: EntityManager, drafts: readonly EntryDraft[]): Promise<LedgerEntryEntity[]> {
    if (drafts.length === 0) return [];
    const now = this.clock.now().toISOString();
    let nextId = this.nextIds.get(em) ?? (await this.repo.lastEntryId(em)) + 1;
    this.nextIds.set(em, nextId + drafts.length);
    const entries = drafts.map((d) =>
      Object.assign(new LedgerEntryEntity(), {
        id: nextId++,
        eventId: d.eventId,
        awardKey: d.key,
        rule: d.rule,
        ruleVersion: d.ruleVersion,
        employeeId: d.employeeId,
        teamId: d.teamId,
        points: d.points,
        reason: d.reason,
        reasonCode: d.reasonCode,
        params: JSON.stringify(d.params),
        occurredAt: d.occurredAt,
        recordedAt: now,
        reversesId: d.reverses?.entryId ?? null,
      }),
    );
    const removed = drafts.filter((d) => d.reverses).map((d) => d.key);
    const put = entries.flatMap((e, i) =>
      drafts[i]!.reverses
        ? []
        : [Object.assign(new StandingAwardEntity(), { awardKey: e.awardKey, scopeKey: drafts[i]!.scopeKey, entryId: e.id })],
    );
    await this.repo.appendEntries(em, entries);
    await this.repo.setStanding(em, removed, put);
    await this.repo.addToTotals(em, totalDeltas(entries, this.config.timeZone));
    return entries;
  }
}
