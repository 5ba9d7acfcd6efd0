import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { chunks } from '../../database/database.js';
import { bind } from '../../database/sql.js';

/** What the console's event search filters by; instants are UTC ISO strings, `clientIds` already resolved from a name. */
export interface EventFilter {
  employeeId?: string;
  clientIds?: readonly string[];
  type?: string;
  from?: string;
  to?: string;
  voided?: boolean;
  /** Strictly older than this (occurredAt, id), newest first. */
  before?: { occurredAt: string; id: string };
  limit: number;
}

export interface EventSearchRow {
  id: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  employeeId: string | null;
  clientId: string | null;
  body: string;
  voidedAt: string | null;
  voidReason: string | null;
  source: string | null;
}

/** The events table as the console searches it, and what each event's ledger entries come to. */
@Injectable()
export class EventsQueries {
  async search(em: EntityManager, f: EventFilter): Promise<EventSearchRow[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: f.limit };
    if (f.employeeId !== undefined) {
      // The sender only: a search of the events' bodies for whom a meeting was set would read the whole table.
      where.push('employee_id = :employeeId');
      params.employeeId = f.employeeId;
    }
    if (f.clientIds !== undefined) {
      where.push('client_id IN (:...clientIds)');
      params.clientIds = f.clientIds.length > 0 ? f.clientIds : [''];
    }
    if (f.type !== undefined) {
      where.push('type = :type');
      params.type = f.type;
    }
    if (f.from !== undefined) {
      where.push('occurred_at >= :from');
      params.from = f.from;
    }
    if (f.to !== undefined) {
      where.push('occurred_at < :to');
      params.to = f.to;
    }
    if (f.voided !== undefined) where.push(f.voided ? 'voided_at IS NOT NULL' : 'voided_at IS NULL');
    if (f.before) {
      where.push('(occurred_at < :beforeAt OR (occurred_at = :beforeAt AND id < :beforeId))');
      params.beforeAt = f.before.occurredAt;
      params.beforeId = f.before.id;
    }
    const [sql, values] = bind(
      em,
      `SELECT id, type, occurred_at AS "occurredAt", received_at AS "receivedAt", employee_id AS "employeeId", client_id AS "clientId",
              body, voided_at AS "voidedAt", void_reason AS "voidReason", source
         FROM events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY occurred_at DESC, id DESC LIMIT :limit`,
      params,
    );
    return em.query<EventSearchRow[]>(sql, values);
  }

  /** Per event: the points its entries sum to now, those it was first awarded (no reversals), and a team its entries went to. */
  async pointsOf(
    em: EntityManager,
    eventIds: readonly string[],
  ): Promise<Map<string, { points: number; awarded: number; teamId: string | null }>> {
    const out = new Map<string, { points: number; awarded: number; teamId: string | null }>();
    for (const part of chunks(eventIds, 500)) {
      const [sql, values] = bind(
        em,
        `SELECT event_id AS "eventId", SUM(points) AS "points", SUM(CASE WHEN reverses_id IS NULL THEN points ELSE 0 END) AS "awarded",
                MIN(team_id) AS "teamId"
           FROM ledger_entries WHERE event_id IN (:...part) GROUP BY event_id`,
        { part },
      );
      for (const r of await em.query<{ eventId: string; points: number | string; awarded: number | string; teamId: string | null }[]>(
        sql,
        values,
      ))
        out.set(r.eventId, { points: Number(r.points), awarded: Number(r.awarded), teamId: r.teamId });
    }
    return out;
  }

  /** Ids of clients whose name or id holds `text`, any case (names are few enough to read whole). */
  async clientsMatching(em: EntityManager, text: string, max: number): Promise<string[]> {
    const needle = text.toLocaleLowerCase('ru');
    const out: string[] = [];
    for (const r of await em.query<{ id: string; name: string }[]>('SELECT id, name FROM clients')) {
      if (r.name.toLocaleLowerCase('ru').includes(needle) || r.id.toLocaleLowerCase('ru').includes(needle)) out.push(r.id);
      if (out.length >= max) break;
    }
    return out;
  }
}
