import { Injectable } from '@nestjs/common';
import type { ActivityEvent, GradeLadder, Moment, Role } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { decide, scopesOfEvents, scopesToRead, type Cause, type ScoringSnapshot } from '../../domain/ledger/rescore.js';
import { historyQuery, scopeKey } from '../../domain/scoring/scoring.js';
import type { ScopeHistoryQuery } from '../../domain/scoring/award.js';
import type { TargetScope } from '../../domain/scoring/team-target.js';
import { Announcements } from './announcements.js';
import { ScoringContextLoader, type LoadedContext } from './context.loader.js';
import type { LedgerEntryEntity } from './ledger.entities.js';
import { LedgerPublisher, type Appended } from './ledger.publisher.js';
import { LedgerRepository, toAward } from './ledger.repository.js';
import { LedgerWriter } from './ledger.writer.js';
import { TargetBonuses } from './target-bonuses.js';

/** What scoring appended, and the whole (non-voided) history of every client it read, by client id. */
export type Scored = Appended & { clientHistories: ReadonlyMap<string, readonly ActivityEvent[]> };

/**
 * The one way points change. Every cause (a new event, a void, a late event, a new rule version, a
 * team change, a target, the ladder) goes through the same four steps, in the caller's transaction:
 * load what the rules need → decide, pure (domain/ledger/rescore.ts) → write entries and running
 * totals (LedgerWriter) → publish after the commit (LedgerPublisher).
 */
@Injectable()
export class WritePath {
  constructor(
    private readonly contexts: ScoringContextLoader,
    private readonly ledger: LedgerRepository,
    private readonly writer: LedgerWriter,
    private readonly bonuses: TargetBonuses,
    private readonly announcements: Announcements,
    private readonly publisher: LedgerPublisher,
  ) {}

  /**
   * Re-scores every scope the events touch; `cause` explains any reversal. `fresh`: the events were
   * just stored and are not voided (a single-event scope's history is the event itself), nothing
   * else changed since the cached context was read, and payments among them are news: new clients,
   * renewals, big payments (all of them, or those in `news` when given: a backfill is history, not news).
   */
  async score(
    em: EntityManager,
    events: readonly ActivityEvent[],
    cause: Cause,
    fresh = false,
    news: readonly ActivityEvent[] = events,
  ): Promise<Scored> {
    if (events.length === 0) return { awards: [], roles: {}, moments: [], clientHistories: new Map() };
    const ctx = fresh ? await this.contexts.cachedContext(em) : await this.contexts.load(em);
    const snapshot = await this.load(em, events, ctx, fresh);
    const entries = await this.writer.append(em, decide(snapshot, ctx, cause));
    if (ctx.hasTargets)
      entries.push(...(await this.writer.append(em, await this.bonuses.decide(em, ctx, this.bonuses.scopesOf(entries), cause))));
    const clientHistories = new Map<string, readonly ActivityEvent[]>();
    snapshot.open.forEach((scope, i) => {
      if (scope.kind === 'client') clientHistories.set(scope.clientId, snapshot.histories[i] ?? []);
    });
    const historyOf = (clientId: string): readonly ActivityEvent[] => clientHistories.get(clientId) ?? [];
    const appended = await this.publish(
      em,
      entries,
      ctx,
      fresh ? () => this.announcements.paymentNews(em, news, entries, ctx, historyOf) : undefined,
    );
    return { ...appended, clientHistories };
  }

  /** Re-decides a team's target bonus after its target was set or removed. */
  async targetChanged(em: EntityManager, scope: TargetScope): Promise<Appended> {
    await this.contexts.forget(em); // whether any target exists is part of the cached context
    const ctx = await this.contexts.load(em);
    const entries = await this.writer.append(em, await this.bonuses.decide(em, ctx, [scope], { code: 'target_change' }, true));
    return this.publish(em, entries, ctx);
  }

  /** Grades these teams again under a new ladder, as of `at`. */
  async regrade(em: EntityManager, teamIds: readonly string[], ladder: GradeLadder, at: string): Promise<Appended> {
    const ctx = await this.contexts.load(em);
    const changes = await this.announcements.regrade(
      em,
      teamIds.map((teamId) => ({ teamId, occurredAt: at })),
      ctx,
      ladder,
    );
    return this.publish(em, [], ctx, () => this.announcements.recordGrades(em, changes));
  }

  /**
   * Load: the awards standing in the touched scopes, then the histories of those that must be read.
   * Fresh events were never seen before: nothing stands in their own scopes, and their bodies are at hand.
   */
  private async load(em: EntityManager, events: readonly ActivityEvent[], ctx: LoadedContext, fresh: boolean): Promise<ScoringSnapshot> {
    const scopes = scopesOfEvents(events, ctx);
    const standing = await this.ledger.standingAwards(em, (fresh ? scopes.filter((s) => s.kind !== 'event') : scopes).map(scopeKey));
    const open = scopesToRead(scopes, standing, events, ctx);
    const known = new Map(fresh ? events.map((e) => [e.id, e]) : []);
    const inMemory = (q: ScopeHistoryQuery): ActivityEvent | undefined => (q.kind === 'event' ? known.get(q.eventId) : undefined);
    const queries = open.map((s) => historyQuery(s, ctx.timeZone));
    const loaded = await this.ledger.histories(
      em,
      queries.filter((q) => !inMemory(q)),
      known,
    );
    let next = 0;
    const histories = queries.map((q) => {
      const event = inMemory(q);
      return event ? [event] : loaded[next++]!;
    });
    return { standing, open, histories };
  }

  /**
   * Records `more` (the events' own news), then what the entries announce, numbered in that order,
   * and hands everything to the publisher for after the commit.
   */
  private async publish(
    em: EntityManager,
    entries: readonly LedgerEntryEntity[],
    ctx: LoadedContext,
    more?: () => Promise<Moment[]>,
  ): Promise<Appended> {
    const roles: Record<string, Role> = {};
    for (const e of entries) if (e.employeeId) roles[e.employeeId] = ctx.roleOf(e.employeeId) ?? 'telemarketer';
    // The news of the events themselves (a new client, a renewal) first, then what they moved (a grade, a target).
    const moments = more ? await more() : [];
    moments.push(...(await this.announcements.of(em, entries, ctx)));
    // Entries already name each client as its history last did (decide); no lookup here.
    const appended: Appended = { awards: entries.map(toAward), roles, moments };
    this.publisher.afterCommit(em, appended);
    return appended;
  }
}
