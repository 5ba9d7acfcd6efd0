import { Injectable } from '@nestjs/common';
import { why, type ActivityEvent, type EventRow, type EventSource, type EventsPage, type EventType } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { CURRENCY } from '../../domain/scoring/award.js';
import { OrgDirectory } from '../org/org.directory.js';
import { EventsQueries, type EventSearchRow } from './events.queries.js';
import { LedgerRepository, toEvent } from './ledger.repository.js';

/** The search as the controller hands it over (the shared query schema's output). */
export interface EventSearch {
  employeeId?: string;
  clientId?: string;
  client?: string;
  type?: EventType;
  from?: string;
  to?: string;
  voided?: 'true' | 'false';
  before?: string;
  limit: number;
}

/** What the audit log keeps of a voided event, so the log can say it after the names change. */
export interface AuditedEvent {
  id: string;
  type: EventType;
  occurredAt: string;
  employeeId: string | null;
  employeeName: string | null;
  clientId: string | null;
  clientName: string | null;
  amount: number | null;
  currency: string | null;
}

/** How many clients a name search may stand for. */
const MAX_CLIENTS = 500;

/** The console's event search: filters, names resolved, newest first with a cursor. Reads only. */
@Injectable()
export class EventsService {
  constructor(
    private readonly db: Database,
    private readonly queries: EventsQueries,
    private readonly repo: LedgerRepository,
    private readonly org: OrgDirectory,
    private readonly office: OfficeTime,
  ) {}

  /** An event as the audit log keeps it before a void: what it was, named (null for an unknown id). */
  async summary(id: string): Promise<AuditedEvent | null> {
    return this.db.read(async (em) => {
      const [row] = await this.repo.eventsByIds(em, [id]);
      if (!row) return null;
      const event = toEvent(row);
      const employeeId = employeeOf(event);
      const employee = employeeId === null ? null : await this.org.findEmployee(em, employeeId);
      const clientName = row.clientId === null ? null : ((await this.repo.clientNames(em, [row.clientId])).get(row.clientId) ?? null);
      const amount = event.type === 'payment.received' ? event.amount : null;
      return {
        id,
        type: event.type,
        occurredAt: event.occurredAt,
        employeeId,
        employeeName: employee?.name ?? null,
        clientId: row.clientId,
        clientName: clientName ?? event.clientName ?? null,
        amount,
        currency: amount === null ? null : CURRENCY,
      };
    });
  }

  search(q: EventSearch): Promise<EventsPage> {
    const before = q.before === undefined ? undefined : decodeCursor(q.before);
    return this.db.read(async (em) => {
      let clientIds: string[] | undefined;
      if (q.clientId !== undefined) clientIds = [q.clientId];
      if (q.client !== undefined) {
        const matching = [q.client, ...(await this.queries.clientsMatching(em, q.client, MAX_CLIENTS))];
        clientIds = clientIds ? clientIds.filter((id) => matching.includes(id)) : matching;
      }
      const rows = await this.queries.search(em, {
        employeeId: q.employeeId,
        clientIds,
        type: q.type,
        from: q.from === undefined ? undefined : this.office.day(q.from).start.toISOString(),
        to: q.to === undefined ? undefined : this.office.day(q.to).end.toISOString(),
        voided: q.voided === undefined ? undefined : q.voided === 'true',
        before,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const events = page.map((r) => ({ row: r, event: toEvent(r) }));
      const personIds = [...new Set(events.flatMap(({ event }) => [employeeOf(event), toEmployeeOf(event)].filter((id) => id !== null)))];
      const people = new Map((await this.org.employeesByIds(em, personIds)).map((e) => [e.id, e.name]));
      const teams = new Map((await this.org.listTeams(em)).map((t) => [t.id, t.name]));
      const memberships = await this.org.allMemberships(em);
      const clients = await this.repo.clientNames(em, [...new Set(page.flatMap((r) => (r.clientId ? [r.clientId] : [])))]);
      const points = await this.queries.pointsOf(
        em,
        page.map((r) => r.id),
      );
      const person = (id: string | null): { id: string; name: string } | null => (id === null ? null : { id, name: people.get(id) ?? id });
      const out = events.map(({ row, event }): EventRow => {
        const scored = points.get(row.id);
        const employeeId = employeeOf(event);
        const teamId =
          (employeeId &&
            memberships.find(
              (m) => m.employeeId === employeeId && m.validFrom <= row.occurredAt && (!m.validTo || row.occurredAt < m.validTo),
            )?.teamId) ??
          scored?.teamId ??
          null;
        const amount = event.type === 'payment.received' ? event.amount : null;
        return {
          id: row.id,
          type: event.type,
          occurredAt: row.occurredAt,
          receivedAt: row.receivedAt,
          employee: person(employeeId),
          toEmployee: person(toEmployeeOf(event)),
          client: row.clientId === null ? null : { id: row.clientId, name: clients.get(row.clientId) ?? event.clientName ?? null },
          team: teamId === null ? null : { id: teamId, name: teams.get(teamId) ?? teamId },
          amount,
          currency: amount === null ? null : CURRENCY,
          durationSec: event.type === 'call' ? event.durationSec : null,
          points: scored?.points ?? 0,
          awarded: scored?.awarded ?? 0,
          voided: row.voidedAt === null ? null : { at: row.voidedAt, reason: row.voidReason ?? '' },
          source: (row.source as EventSource | null) ?? null,
        };
      });
      const last = page.at(-1);
      return { events: out, next: rows.length > q.limit && last ? encodeCursor(last) : null };
    });
  }
}

function employeeOf(event: ActivityEvent): string | null {
  return 'employeeId' in event ? event.employeeId : null;
}

function toEmployeeOf(event: ActivityEvent): string | null {
  return 'toEmployeeId' in event && event.toEmployeeId !== undefined ? event.toEmployeeId : null;
}

function encodeCursor(row: EventSearchRow): string {
  return Buffer.from(JSON.stringify([row.occurredAt, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string')
      return { occurredAt: value[0], id: value[1] };
  } catch {
    // refused below
  }
  throw DomainError.malformed(
    [{ index: 0, field: 'before', reason: 'must be the next cursor of an earlier page', why: why('wrong_format', { format: 'cursor' }) }],
    'The request is malformed',
  );
}
