import { Injectable } from '@nestjs/common';
import type { ActivityEvent, Award, PeriodKind, PeriodRange } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { chunks } from '../../database/database.js';
import { bind } from '../../database/sql.js';
import { EventEntity, LedgerEntryEntity, PeriodTotalEntity } from './ledger.entities.js';
import { LedgerRepository, toAward, toEvent } from './ledger.repository.js';

/** The ledger as its readers query it: totals, entries and events by period and subject. The write path's statements are in LedgerRepository. */
@Injectable()
export class LedgerQueries {
  constructor(private readonly repo: LedgerRepository) {}

  /** The names of some clients (those never named are left out). */
  clientNames(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    return this.repo.clientNames(em, ids);
  }

  async totals(em: EntityManager, period: PeriodKind, periodKey: string, subjectType: 'employee' | 'team'): Promise<Map<string, number>> {
    const [sql, params] = bind(
      em,
      'SELECT subject_id AS "id", points FROM period_totals WHERE period = :period AND period_key = :periodKey AND subject_type = :subjectType',
      { period, periodKey, subjectType },
    );
    const rows = await em.query<{ id: string; points: number | string }[]>(sql, params);
    return new Map(rows.map((r) => [r.id, Number(r.points)]));
  }

  /** Sums straight from the ledger, to check the running totals against. */
  async ledgerSums(em: EntityManager, from: string, to: string, subjectType: 'employee' | 'team'): Promise<Map<string, number>> {
    const column = subjectType === 'employee' ? 'employee_id' : 'team_id';
    const rows = await em
      .createQueryBuilder(LedgerEntryEntity, 'l')
      .select(`l.${column}`, 'id')
      .addSelect('SUM(l.points)', 'points')
      .where(`l.${column} IS NOT NULL`)
      .andWhere('l.occurred_at >= :from AND l.occurred_at < :to', { from, to })
      .groupBy(`l.${column}`)
      .getRawMany<{ id: string; points: number | string }>();
    return new Map(rows.map((r) => [r.id, Number(r.points)]));
  }

  async recentAwards(em: EntityManager, limit: number): Promise<Award[]> {
    const rows = await em.find(LedgerEntryEntity, { order: { id: 'DESC' }, take: limit });
    return this.repo.named(em, rows.map(toAward));
  }

  async recentAwardsOf(em: EntityManager, employeeId: string, limit: number): Promise<Award[]> {
    const rows = await em.find(LedgerEntryEntity, { where: { employeeId }, order: { id: 'DESC' }, take: limit });
    return this.repo.named(em, rows.map(toAward));
  }

  /** An employee's ledger entries with `occurredAt` in [from, to), oldest first. */
  async awardsOf(em: EntityManager, employeeId: string, from: string, to: string): Promise<Award[]> {
    const rows = await em
      .createQueryBuilder(LedgerEntryEntity, 'l')
      .where('l.employee_id = :employeeId', { employeeId })
      .andWhere('l.occurred_at >= :from AND l.occurred_at < :to', { from, to })
      .orderBy('l.id', 'ASC')
      .getMany();
    return rows.map(toAward);
  }

  /** When an employee's latest entry before an instant happened, or null when there is none (the phone's history, a day at a time). */
  async lastAwardAt(em: EntityManager, employeeId: string, before: string): Promise<string | null> {
    const row = await em
      .createQueryBuilder(LedgerEntryEntity, 'l')
      .select('MAX(l.occurred_at)', 'at')
      .where('l.employee_id = :employeeId', { employeeId })
      .andWhere('l.occurred_at < :before', { before })
      .getRawOne<{ at: string | null }>();
    return row?.at ?? null;
  }

  async pointsOf(em: EntityManager, employeeId: string, from: string, to: string): Promise<number> {
    const row = await em
      .createQueryBuilder(LedgerEntryEntity, 'l')
      .select('SUM(l.points)', 'points')
      .where('l.employee_id = :employeeId', { employeeId })
      .andWhere('l.occurred_at >= :from AND l.occurred_at < :to', { from, to })
      .getRawOne<{ points: number | string | null }>();
    return Number(row?.points ?? 0);
  }

  /**
   * The first month anything was scored in (`2026-03`), from the small running-totals table. Keys
   * of another shape (a year before 1000 from an old row) are passed over: they name no period.
   */
  async firstActiveMonth(em: EntityManager): Promise<string | null> {
    const row = await em
      .createQueryBuilder(PeriodTotalEntity, 't')
      .select('MIN(t.period_key)', 'key')
      .where("t.period = 'month'")
      .andWhere('LENGTH(t.period_key) = 7')
      .andWhere("t.period_key >= '2000-01'")
      .getRawOne<{ key: string | null }>();
    return row?.key ?? null;
  }

  async subjectEntries(
    em: EntityManager,
    subjectType: 'team' | 'employee',
    ids: readonly string[],
    range: PeriodRange,
  ): Promise<Map<string, { occurredAt: string; points: number }[]>> {
    const column = subjectType === 'team' ? 'team_id' : 'employee_id';
    const out = new Map<string, { occurredAt: string; points: number }[]>();
    for (const part of chunks(ids, 500)) {
      const rows = await em
        .createQueryBuilder(LedgerEntryEntity, 'l')
        .where(`l.${column} IN (:...part)`, { part })
        .andWhere('l.occurred_at >= :start AND l.occurred_at < :end', { start: range.start, end: range.end })
        .orderBy('l.occurred_at', 'ASC')
        .addOrderBy('l.id', 'ASC')
        .getMany();
      for (const r of rows) {
        const id = (subjectType === 'team' ? r.teamId : r.employeeId)!;
        out.set(id, [...(out.get(id) ?? []), { occurredAt: r.occurredAt, points: Number(r.points) }]);
      }
    }
    return out;
  }

  async adjustments(em: EntityManager, range: PeriodRange, afterId: number, limit: number): Promise<Award[]> {
    const rows = await em
      .createQueryBuilder(LedgerEntryEntity, 'l')
      .where('l.id > :afterId', { afterId })
      .andWhere('l.occurred_at >= :start AND l.occurred_at < :end', { start: range.start, end: range.end })
      .orderBy('l.id', 'ASC')
      .take(limit)
      .getMany();
    return this.repo.named(em, rows.map(toAward));
  }

  /** Non-voided events in [from, to), with the whole earlier history of every client among them. */
  async eventsForReplay(em: EntityManager, from: string, to: string): Promise<ActivityEvent[]> {
    const inPeriod = await em
      .createQueryBuilder(EventEntity, 'e')
      .where('e.occurred_at >= :from AND e.occurred_at < :to', { from, to })
      .andWhere('e.voided_at IS NULL')
      .getMany();
    const clients = [...new Set(inPeriod.flatMap((e) => (e.clientId ? [e.clientId] : [])))];
    const earlier: EventEntity[] = [];
    for (const part of chunks(clients, 500)) {
      earlier.push(
        ...(await em
          .createQueryBuilder(EventEntity, 'e')
          .where('e.client_id IN (:...clients)', { clients: part })
          .andWhere('e.occurred_at < :from', { from })
          .andWhere('e.voided_at IS NULL')
          .getMany()),
      );
    }
    return [...earlier, ...inPeriod].map(toEvent);
  }

  /** Every event of people in [from, to), voided or not, by person and time (what fair-play signals and drill-downs read). */
  async eventTrail(em: EntityManager, from: string, to: string, employeeId?: string): Promise<EventTrailRow[]> {
    const [sql, params] = bind(
      em,
      `SELECT employee_id AS "employeeId", body, received_at AS "receivedAt", voided_at AS "voidedAt", source FROM events
        WHERE occurred_at >= :from AND occurred_at < :to AND ${employeeId ? 'employee_id = :employeeId' : 'employee_id IS NOT NULL'}
        ORDER BY employee_id, occurred_at, id`,
      { from, to, employeeId },
    );
    const rows = await em.query<{ employeeId: string; body: string; receivedAt: string; voidedAt: string | null; source: string | null }[]>(
      sql,
      params,
    );
    return rows.map((r) => ({
      event: toEvent(r),
      employeeId: r.employeeId,
      receivedAt: r.receivedAt,
      voided: r.voidedAt !== null,
      source: r.source,
    }));
  }
}

/** One event as the fair-play signals see it. */
export interface EventTrailRow {
  event: ActivityEvent;
  employeeId: string;
  receivedAt: string;
  voided: boolean;
  source: string | null;
}
