import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ActivityEvent } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { AppEvents } from '../../common/app-events.js';
import { Database } from '../../database/database.js';
import { addCounts, clientCounts, eventCounts, type ClientSummary, type Count } from '../../domain/funnel/counts.js';
import { countedClientIds } from '../../domain/funnel/tally.js';
import { periodKeysOf } from '../../domain/periods/periods.js';
import { zonedToUtc } from '../../domain/periods/zoned-time.js';
import type { ScoringContext } from '../../domain/scoring/award.js';
import { ScoringContextLoader } from '../ledger/context.loader.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { SettingsStore } from '../settings/settings.store.js';
import { FunnelRepository } from './funnel.repository.js';

/** Bumped when what is counted changes: the server counts everything again at its next start. */
const COUNTING_VERSION = 1;
const BUILT_KEY = 'funnel.counted';

/**
 * Keeps the funnel's counters as events are written, in the writer's transaction: what new events
 * count is added, what voided ones counted is taken back, and a client's history-dependent counts
 * (its first meeting, retention month by month, its keeper's book) are counted before and after
 * the change and the difference added. A team change or a new rule version counts again from the
 * month it takes effect; a start with nothing counted yet (or an older way of counting) counts all.
 */
@Injectable()
export class FunnelCounters implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger(FunnelCounters.name);

  constructor(
    private readonly db: Database,
    private readonly facts: AppEvents,
    private readonly contexts: ScoringContextLoader,
    private readonly ledger: LedgerReader,
    private readonly repo: FunnelRepository,
    private readonly settings: SettingsStore,
  ) {}

  onModuleInit(): void {
    this.facts.handle('events.recorded', (em, { events, clientHistories }) => this.change(em, events, [], clientHistories));
    this.facts.handle('events.voided', (em, { events, clientHistories }) => this.change(em, [], events, clientHistories));
    this.facts.handle('org.membersChanged', (em, { since }) => this.countFrom(em, since));
    this.facts.handle('rules.versionAdded', (em, { since }) => this.countFrom(em, since));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.db.write(async (em) => {
      const built = await this.settings.read(em, BUILT_KEY, z.number(), 0);
      if (built === COUNTING_VERSION) return;
      const started = Date.now();
      await this.countFrom(em, null);
      await this.settings.write(em, BUILT_KEY, COUNTING_VERSION, new Date().toISOString());
      this.log.log(`funnel counted from every event in ${Date.now() - started} ms`);
    });
  }

  /**
   * Events `added` (stored, not voided) and `removed` (just voided): their counts, and their clients'
   * counted again, from the histories scoring read (`known`) or, for any it did not, from the database.
   */
  private async change(
    em: EntityManager,
    added: readonly ActivityEvent[],
    removed: readonly ActivityEvent[],
    known: ReadonlyMap<string, readonly ActivityEvent[]>,
  ): Promise<void> {
    const ctx = await this.contexts.cachedContext(em);
    const deltas = new Map<string, Count>();
    for (const e of added) addCounts(deltas, eventCounts(e, ctx), 1);
    for (const e of removed) addCounts(deltas, eventCounts(e, ctx), -1);
    const touched = countedClientIds([...added, ...removed]);
    if (touched.length > 0) {
      const missing = touched.filter((id) => !known.has(id));
      const read = new Map(missing.length > 0 ? (await this.ledger.clientHistories(em, missing)).map((h, i) => [missing[i]!, h]) : []);
      const histories = touched.map((id) => known.get(id) ?? read.get(id) ?? []);
      const addedIds = new Set(added.map((e) => e.id));
      const summaries: ClientSummary[] = [];
      touched.forEach((clientId, i) => {
        const now = histories[i] ?? [];
        // Before the change: without what was added, with what was voided.
        const before = [...now.filter((e) => !addedIds.has(e.id)), ...removed.filter((e) => 'clientId' in e && e.clientId === clientId)];
        addCounts(deltas, clientCounts(clientId, before, ctx).counts, -1);
        const after = clientCounts(clientId, now, ctx);
        addCounts(deltas, after.counts, 1);
        summaries.push(after.summary);
      });
      await this.repo.putClients(em, summaries);
    }
    await this.repo.add(em, [...deltas.values()]);
  }

  /** Counts everything again from the month of `since` on (from the first event when null). */
  private async countFrom(em: EntityManager, since: string | null): Promise<void> {
    const ctx = await this.contexts.load(em);
    const month = since ? periodKeysOf(new Date(since), ctx.timeZone).month : '0000-00';
    const start = since ? monthStart(month, ctx) : '0000';
    await this.repo.dropFrom(em, month);
    const events = await this.ledger.eventsSince(em, since ? previousMonthStart(month, ctx) : '0000');
    const cells = new Map<string, Count>();
    for (const e of events) if (e.occurredAt >= start) addCounts(cells, eventCounts(e, ctx), 1);
    const clients = countedClientIds(events);
    const summaries: ClientSummary[] = [];
    for (let i = 0; i < clients.length; i += 500) {
      const part = clients.slice(i, i + 500);
      const histories = await this.ledger.clientHistories(em, part);
      part.forEach((clientId, j) => {
        const { counts, summary } = clientCounts(clientId, histories[j] ?? [], ctx);
        addCounts(
          cells,
          counts.filter((c) => c.month >= month),
          1,
        );
        summaries.push(summary);
      });
    }
    await this.repo.putClients(em, summaries);
    await this.repo.add(em, [...cells.values()]);
  }
}

function monthStart(month: string, ctx: ScoringContext): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return zonedToUtc(y, m, 1, ctx.timeZone).toISOString();
}

/** A payment in the month before counts toward this month's retention: its clients are read too. */
function previousMonthStart(month: string, ctx: ScoringContext): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return zonedToUtc(y, m - 1, 1, ctx.timeZone).toISOString();
}
