import { Injectable } from '@nestjs/common';
import { REASON_CODES, type ActivityEvent, type Award, type ReasonParams, type RuleCode } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { chunks } from '../../database/database.js';
import { bind, insertRows } from '../../database/sql.js';
import type { StandingAward } from '../../domain/ledger/award-diff.js';
import type { TotalDelta } from '../../domain/ledger/rescore.js';
import type { ScopeHistoryQuery } from '../../domain/scoring/award.js';
import { EventEntity, LedgerEntryEntity, StandingAwardEntity } from './ledger.entities.js';

/** The events table's columns, as the write path inserts them. */
const EVENT_COLUMNS = [
  'id',
  'type',
  'occurred_at',
  'employee_id',
  'client_id',
  'body',
  'received_at',
  'voided_at',
  'void_reason',
  'source',
];
const ENTRY_COLUMNS = [
  'id',
  'event_id',
  'award_key',
  'rule',
  'rule_version',
  'employee_id',
  'team_id',
  'points',
  'reason',
  'reason_code',
  'params',
  'occurred_at',
  'recorded_at',
  'reverses_id',
];
const EVENT_SELECT = `SELECT id, type, occurred_at AS "occurredAt", employee_id AS "employeeId", client_id AS "clientId", body,
  received_at AS "receivedAt", voided_at AS "voidedAt", void_reason AS "voidReason", source FROM events`;

/**
 * The write path's database access: events, ledger entries, standing awards, running totals and
 * client names (readers query through LedgerQueries). The write path's statements are
 * plain parameterized SQL (database/sql.ts): the query builder costs more than the statement.
 */
@Injectable()
export class LedgerRepository {
  async eventsByIds(em: EntityManager, ids: readonly string[]): Promise<EventEntity[]> {
    const out: EventEntity[] = [];
    for (const part of chunks(ids, 500))
      out.push(...(await em.query<EventEntity[]>(...bind(em, `${EVENT_SELECT} WHERE id IN (:...part)`, { part }))));
    return out;
  }

  /** What idempotency compares: the stored body and receipt time of the events with these ids. */
  async storedBodies(em: EntityManager, ids: readonly string[]): Promise<{ id: string; body: string; receivedAt: string }[]> {
    const out: { id: string; body: string; receivedAt: string }[] = [];
    for (const part of chunks(ids, 500)) {
      const [sql, params] = bind(em, 'SELECT id, body, received_at AS "receivedAt" FROM events WHERE id IN (:...part)', { part });
      out.push(...(await em.query<{ id: string; body: string; receivedAt: string }[]>(sql, params)));
    }
    return out;
  }

  async markVoided(em: EntityManager, id: string, at: string, reason: string): Promise<void> {
    await em.update(EventEntity, { id }, { voidedAt: at, voidReason: reason });
  }

  async insertEvents(em: EntityManager, rows: readonly EventEntity[]): Promise<void> {
    await insertRows(
      em,
      'events',
      EVENT_COLUMNS,
      rows.map((e) => [e.id, e.type, e.occurredAt, e.employeeId, e.clientId, e.body, e.receivedAt, e.voidedAt, e.voidReason, e.source]),
    );
  }

  /**
   * Histories for many scopes in a few queries: single events by id, clients by id, and employee
   * ranges in one sweep, split in memory (a batch of 1,000 events touches 1,000 scopes). Events in
   * `known` (just stored, by id) are taken as they are instead of parsed again.
   */
  async histories(
    em: EntityManager,
    queries: readonly ScopeHistoryQuery[],
    known: ReadonlyMap<string, ActivityEvent> = new Map(),
  ): Promise<ActivityEvent[][]> {
    const ids = queries.flatMap((q) => (q.kind === 'event' ? [q.eventId] : []));
    const clients = [...new Set(queries.flatMap((q) => (q.kind === 'client-events' ? [q.clientId] : [])))];
    const ranges = queries.filter((q): q is Extract<ScopeHistoryQuery, { kind: 'employee-events' }> => q.kind === 'employee-events');
    const event = (row: { id: string; body: string }): ActivityEvent => known.get(row.id) ?? toEvent(row);

    const single = new Map((await this.eventsByIds(em, ids)).filter((r) => r.voidedAt === null).map((r) => [r.id, event(r)]));
    const byClient = new Map<string, ActivityEvent[]>();
    for (const part of chunks(clients, 500)) {
      const [sql, params] = bind(
        em,
        'SELECT id, client_id AS "clientId", body FROM events WHERE client_id IN (:...part) AND voided_at IS NULL',
        {
          part,
        },
      );
      for (const row of await em.query<{ id: string; clientId: string; body: string }[]>(sql, params)) {
        const list = byClient.get(row.clientId);
        if (list) list.push(event(row));
        else byClient.set(row.clientId, [event(row)]);
      }
    }
    const swept: ActivityEvent[] = [];
    if (ranges.length > 0) {
      const from = ranges.reduce((min, q) => (q.from < min ? q.from : min), ranges[0]!.from).toISOString();
      const to = ranges.reduce((max, q) => (q.to > max ? q.to : max), ranges[0]!.to).toISOString();
      const types = [...new Set(ranges.flatMap((q) => q.types))];
      for (const part of chunks([...new Set(ranges.map((q) => q.employeeId))], 500)) {
        const [sql, params] = bind(
          em,
          `SELECT id, body FROM events WHERE employee_id IN (:...part) AND occurred_at >= :from AND occurred_at < :to
             AND type IN (:...types) AND voided_at IS NULL`,
          { part, from, to, types },
        );
        for (const row of await em.query<{ id: string; body: string }[]>(sql, params)) swept.push(event(row));
      }
    }
    return queries.map((q) => {
      switch (q.kind) {
        case 'event': {
          const found = single.get(q.eventId);
          return found ? [found] : [];
        }
        case 'client-events':
          return byClient.get(q.clientId) ?? [];
        case 'employee-events': {
          const from = q.from.toISOString();
          const to = q.to.toISOString();
          return swept.filter(
            (e) =>
              'employeeId' in e && e.employeeId === q.employeeId && q.types.includes(e.type) && e.occurredAt >= from && e.occurredAt < to,
          );
        }
      }
    });
  }

  /** The awards currently standing in the given scopes. */
  async standingAwards(em: EntityManager, scopeKeys: readonly string[]): Promise<StandingAward[]> {
    const out: StandingAward[] = [];
    for (const part of chunks(scopeKeys, 500)) {
      const [sql, params] = bind(
        em,
        `SELECT s.award_key AS "key", s.scope_key AS "scopeKey", l.id AS "entryId", l.event_id AS "eventId", l.rule AS "rule",
                l.rule_version AS "ruleVersion", l.employee_id AS "employeeId", l.team_id AS "teamId", l.points AS "points",
                l.reason AS "reason", l.reason_code AS "reasonCode", l.params AS "params", l.occurred_at AS "occurredAt"
           FROM standing_awards s INNER JOIN ledger_entries l ON l.id = s.entry_id
          WHERE s.scope_key IN (:...part)`,
        { part },
      );
      const rows = await em.query<(Omit<StandingAward, 'params' | 'reasonCode'> & { reasonCode: string | null; params: string | null })[]>(
        sql,
        params,
      );
      for (const r of rows)
        out.push({
          ...r,
          entryId: Number(r.entryId),
          ruleVersion: Number(r.ruleVersion),
          points: Number(r.points),
          reasonCode: r.reasonCode ?? r.rule,
          params: paramsOf(r.params),
        });
    }
    return out;
  }

  /** Names clients from events that carry `clientName`: the latest by (occurredAt, id) wins, whatever arrives late. */
  async nameClients(em: EntityManager, events: readonly ActivityEvent[]): Promise<void> {
    const latest = new Map<string, ActivityEvent & { clientId: string; clientName: string }>();
    for (const e of events) {
      if (!('clientId' in e) || !e.clientId || e.clientName === undefined) continue;
      const seen = latest.get(e.clientId);
      if (!seen || e.occurredAt > seen.occurredAt || (e.occurredAt === seen.occurredAt && e.id > seen.id))
        latest.set(e.clientId, { ...e, clientId: e.clientId, clientName: e.clientName });
    }
    await insertRows(
      em,
      'clients',
      ['id', 'name', 'named_at', 'named_by'],
      [...latest.values()].map((e) => [e.clientId, e.clientName, e.occurredAt, e.id]),
      `ON CONFLICT (id) DO UPDATE SET name = excluded.name, named_at = excluded.named_at, named_by = excluded.named_by
        WHERE excluded.named_at > clients.named_at OR (excluded.named_at = clients.named_at AND excluded.named_by > clients.named_by)`,
    );
  }

  /** The names of some clients (those never named are left out). */
  async clientNames(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunks(ids, 500)) {
      const rows = await em.query<{ id: string; name: string }[]>(
        ...bind(em, 'SELECT id, name FROM clients WHERE id IN (:...part)', { part }),
      );
      for (const r of rows) out.set(r.id, r.name);
    }
    return out;
  }

  async lastEntryId(em: EntityManager): Promise<number> {
    const [row] = await em.query<{ max: number | string | null }[]>('SELECT MAX(id) AS "max" FROM ledger_entries');
    return Number(row?.max ?? 0);
  }

  async appendEntries(em: EntityManager, entries: readonly LedgerEntryEntity[]): Promise<void> {
    await insertRows(
      em,
      'ledger_entries',
      ENTRY_COLUMNS,
      entries.map((e) => [
        e.id,
        e.eventId,
        e.awardKey,
        e.rule,
        e.ruleVersion,
        e.employeeId,
        e.teamId,
        e.points,
        e.reason,
        e.reasonCode,
        e.params,
        e.occurredAt,
        e.recordedAt,
        e.reversesId,
      ]),
    );
  }

  async setStanding(em: EntityManager, removeKeys: readonly string[], put: readonly StandingAwardEntity[]): Promise<void> {
    for (const part of chunks(removeKeys, 500))
      await em.query(...bind(em, 'DELETE FROM standing_awards WHERE award_key IN (:...part)', { part }));
    await insertRows(
      em,
      'standing_awards',
      ['award_key', 'scope_key', 'entry_id'],
      put.map((s) => [s.awardKey, s.scopeKey, s.entryId]),
    );
  }

  /** Adds deltas to the running totals (insert or increment), in the caller's transaction. */
  async addToTotals(em: EntityManager, deltas: readonly TotalDelta[]): Promise<void> {
    await insertRows(
      em,
      'period_totals',
      ['period', 'period_key', 'subject_type', 'subject_id', 'points'],
      deltas.map((d) => [d.period, d.periodKey, d.subjectType, d.subjectId, d.points]),
      'ON CONFLICT (period, period_key, subject_type, subject_id) DO UPDATE SET points = period_totals.points + excluded.points',
    );
  }

  /** Awards with their clients by their latest names. */
  async named(em: EntityManager, awards: Award[]): Promise<Award[]> {
    const ids = [...new Set(awards.flatMap((a) => (typeof a.params?.clientId === 'string' ? [a.params.clientId] : [])))];
    return ids.length === 0 ? awards : withClientNames(awards, await this.clientNames(em, ids));
  }

  /** Non-voided events from an instant on (re-scored when a rule version takes effect). */
  async eventsSince(em: EntityManager, since: string): Promise<ActivityEvent[]> {
    const rows = await em
      .createQueryBuilder(EventEntity, 'e')
      .where('e.occurred_at >= :since', { since })
      .andWhere('e.voided_at IS NULL')
      .getMany();
    return rows.map(toEvent);
  }

  /** Non-voided events of some employees from an instant on (for re-attribution after a team change). */
  async eventsOfEmployeesSince(em: EntityManager, employeeIds: readonly string[], since: string): Promise<ActivityEvent[]> {
    if (employeeIds.length === 0) return [];
    const rows = await em
      .createQueryBuilder(EventEntity, 'e')
      .where('e.employee_id IN (:...ids)', { ids: [...employeeIds] })
      .andWhere('e.occurred_at >= :since', { since })
      .andWhere('e.voided_at IS NULL')
      .getMany();
    return rows.map(toEvent);
  }
}

export function toEvent(row: { body: string }): ActivityEvent {
  return JSON.parse(row.body) as ActivityEvent;
}

export function toAward(row: LedgerEntryEntity): Award {
  return {
    id: Number(row.id),
    eventId: row.eventId,
    employeeId: row.employeeId,
    teamId: row.teamId,
    points: Number(row.points),
    rule: row.rule,
    ruleVersion: Number(row.ruleVersion),
    reason: row.reason,
    ...(isRuleCode(row.reasonCode) && { reasonCode: row.reasonCode }),
    params: paramsOf(row.params),
    occurredAt: row.occurredAt,
  };
}

function isRuleCode(code: string | null): code is RuleCode {
  return code !== null && (REASON_CODES as readonly string[]).includes(code);
}

/** Stored params; an old or damaged row gives none rather than failing a read. */
function paramsOf(json: string | null): ReasonParams {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as ReasonParams) : {};
  } catch {
    return {};
  }
}

/** Awards with each client shown by its latest name (`params.client`), from the clients projection. */
export function withClientNames(awards: Award[], names: ReadonlyMap<string, string>): Award[] {
  for (const a of awards) {
    const id = a.params?.clientId;
    const name = typeof id === 'string' ? names.get(id) : undefined;
    if (name !== undefined && a.params) a.params.client = name;
  }
  return awards;
}
