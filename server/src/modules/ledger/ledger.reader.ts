import { Injectable } from '@nestjs/common';
import type { ActivityEvent, Award, PeriodKind, PeriodRange } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { LedgerQueries, type EventTrailRow } from './ledger.queries.js';
import { LedgerRepository } from './ledger.repository.js';

/**
 * The ledger room's door for reading: running totals, entries and events as standings, the phone,
 * period closing and previews need them. It never writes; reads run in the caller's read or transaction.
 */
@Injectable()
export class LedgerReader {
  constructor(
    private readonly repo: LedgerRepository,
    private readonly queries: LedgerQueries,
  ) {}

  totals(em: EntityManager, period: PeriodKind, periodKey: string, subjectType: 'employee' | 'team'): Promise<Map<string, number>> {
    return this.queries.totals(em, period, periodKey, subjectType);
  }

  /** Sums straight from the ledger over [from, to). */
  ledgerSums(em: EntityManager, from: string, to: string, subjectType: 'employee' | 'team'): Promise<Map<string, number>> {
    return this.queries.ledgerSums(em, from, to, subjectType);
  }

  recentAwards(em: EntityManager, limit: number): Promise<Award[]> {
    return this.queries.recentAwards(em, limit);
  }

  /** An employee's latest entries, newest first. */
  recentAwardsOf(em: EntityManager, employeeId: string, limit: number): Promise<Award[]> {
    return this.queries.recentAwardsOf(em, employeeId, limit);
  }

  /** An employee's ledger entries in [from, to), oldest first (reversals included). */
  awardsOf(em: EntityManager, employeeId: string, from: string, to: string): Promise<Award[]> {
    return this.queries.awardsOf(em, employeeId, from, to);
  }

  /** An employee's entries in [from, to) with their clients' current names, oldest first. */
  async namedAwardsOf(em: EntityManager, employeeId: string, from: string, to: string): Promise<Award[]> {
    return this.repo.named(em, await this.queries.awardsOf(em, employeeId, from, to));
  }

  /** When an employee's latest entry before an instant happened (null: none). */
  lastAwardAt(em: EntityManager, employeeId: string, before: string): Promise<string | null> {
    return this.queries.lastAwardAt(em, employeeId, before);
  }

  /** The sum of an employee's entries in [from, to). */
  pointsOf(em: EntityManager, employeeId: string, from: string, to: string): Promise<number> {
    return this.queries.pointsOf(em, employeeId, from, to);
  }

  lastEntryId(em: EntityManager): Promise<number> {
    return this.repo.lastEntryId(em);
  }

  /** The first month anything was scored in (`2026-03`). */
  firstActiveMonth(em: EntityManager): Promise<string | null> {
    return this.queries.firstActiveMonth(em);
  }

  /** Every entry of some subjects in a period (reversals included), in order, for "who reached it first". */
  subjectEntries(
    em: EntityManager,
    subjectType: 'team' | 'employee',
    ids: readonly string[],
    range: PeriodRange,
  ): Promise<Map<string, { occurredAt: string; points: number }[]>> {
    return this.queries.subjectEntries(em, subjectType, ids, range);
  }

  /** Entries for a period recorded after its close (ids above the last one counted). */
  adjustments(em: EntityManager, range: PeriodRange, afterId: number, limit: number): Promise<Award[]> {
    return this.queries.adjustments(em, range, afterId, limit);
  }

  /** Non-voided events in [from, to), with the whole earlier history of every client among them. */
  eventsForReplay(em: EntityManager, from: string, to: string): Promise<ActivityEvent[]> {
    return this.queries.eventsForReplay(em, from, to);
  }

  /** Non-voided events of some employees from an instant on. */
  eventsOfEmployeesSince(em: EntityManager, employeeIds: readonly string[], since: string): Promise<ActivityEvent[]> {
    return this.repo.eventsOfEmployeesSince(em, employeeIds, since);
  }

  /** Non-voided events that happened from an instant on. */
  eventsSince(em: EntityManager, since: string): Promise<ActivityEvent[]> {
    return this.repo.eventsSince(em, since);
  }

  /** Each client's non-voided events, in the order of the ids given. */
  clientHistories(em: EntityManager, clientIds: readonly string[]): Promise<ActivityEvent[][]> {
    return this.repo.histories(
      em,
      clientIds.map((clientId) => ({ kind: 'client-events', clientId })),
    );
  }

  /** Every event of people in [from, to), voided or not, with when it arrived and where from; by person, then time. */
  eventTrail(em: EntityManager, from: string, to: string, employeeId?: string): Promise<EventTrailRow[]> {
    return this.queries.eventTrail(em, from, to, employeeId);
  }

  /** The stored canonical body of each of these event ids that is stored (an import tells repeats from conflicts). */
  async storedBodies(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    return new Map((await this.repo.storedBodies(em, ids)).map((r) => [r.id, r.body]));
  }

  /** Clients' names, by id (those without one are absent). */
  clientNames(em: EntityManager, clientIds: readonly string[]): Promise<Map<string, string>> {
    return this.queries.clientNames(em, [...new Set(clientIds)]);
  }

  /** A client's non-voided events. */
  async clientHistory(em: EntityManager, clientId: string): Promise<ActivityEvent[]> {
    const [history] = await this.repo.histories(em, [{ kind: 'client-events', clientId }]);
    return history ?? [];
  }
}
