import { Injectable, Logger } from '@nestjs/common';
import {
  canonicalEventJson,
  MAX_CLOCK_SKEW_MS,
  why,
  type ActivityEvent,
  type Award,
  type FieldError,
  type IngestResult,
  type VoidPreview,
  type VoidResult,
} from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { isDatabaseUnavailable } from '../../common/database-unavailable.js';
import { DomainError } from '../../common/domain-error.js';
import { eventsIngested, ingestSeconds, type IngestSource } from '../../common/metrics.js';
import { Database } from '../../database/database.js';
import { ScoringContextLoader } from './context.loader.js';
import { LedgerRepository, toEvent } from './ledger.repository.js';
import { WritePath } from './write-path.js';

interface Job {
  events: ActivityEvent[];
  /** Backfilled history (a CSV import): scored like any event, but not news for the wall. */
  history: boolean;
  /** Where it came from and when it was queued, for the metrics. */
  source: IngestSource;
  queuedAt: number;
  /** Events of it stored for the first time (set in the transaction, counted after the commit). */
  fresh: number;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/** No event happened before this (PRODUCT.md): older dates are typos, and would open thousands of periods. */
const EARLIEST_OCCURRED_AT = Date.parse('2000-01-01T00:00:00Z');

/** Requests waiting together are committed in one transaction (group commit), up to this many events. */
const MAX_GROUP_EVENTS = 5000;

/**
 * Accepts activity events: idempotent by event id, all-or-nothing per request, durable when it
 * answers. Concurrent requests share one transaction and one fsync; each keeps its own answer.
 */
@Injectable()
export class IngestService {
  private readonly log = new Logger(IngestService.name);
  private queue: Job[] = [];
  private draining = false;

  constructor(
    private readonly db: Database,
    private readonly ledger: LedgerRepository,
    private readonly contexts: ScoringContextLoader,
    private readonly writePath: WritePath,
    private readonly clock: Clock,
    private readonly facts: AppEvents,
  ) {}

  /**
   * Takes events in. `history`: they are a backfill of the past (a CSV import): scored exactly the
   * same, but their big payments are not announced as news on the wall.
   */
  ingest(events: ActivityEvent[], options: { history?: boolean; source?: IngestSource } = {}): Promise<IngestResult> {
    const history = options.history ?? false;
    const source = options.source ?? (history ? 'import' : 'api');
    return new Promise<IngestResult>((resolve, reject) => {
      this.queue.push({ events, history, source, queuedAt: performance.now(), fresh: 0, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  /** Voids an event: its awards, and any award that no longer holds without it, are reversed. */
  async void(id: string, reason: string): Promise<VoidResult> {
    return this.db.write(async (em) => {
      const done = await this.voidIn(em, id, reason);
      return 'voidedAt' in done ? done : { id, voidedAt: done.at, reason };
    });
  }

  /** What voiding an event would append, rehearsed through the write path and rolled back. */
  async voidPreview(id: string): Promise<VoidPreview> {
    return this.db.rehearse(async (em) => {
      const done = await this.voidIn(em, id, '');
      return 'voidedAt' in done ? { id, voided: true, awards: [] } : { id, voided: false, awards: done.awards };
    });
  }

  /** The void itself, in the caller's transaction: the stored answer when it was voided before, else what it appended. */
  private async voidIn(em: EntityManager, id: string, reason: string): Promise<VoidResult | { at: string; awards: Award[] }> {
    const [row] = await this.ledger.eventsByIds(em, [id]);
    if (!row) throw DomainError.notFound('Event', id).withCode('event.not_found');
    if (row.voidedAt !== null) return { id, voidedAt: row.voidedAt, reason: row.voidReason ?? '' };
    const at = this.clock.now().toISOString();
    await this.ledger.markVoided(em, id, at, reason);
    const event = toEvent(row);
    const { awards, clientHistories } = await this.writePath.score(em, [event], { code: 'void', note: reason });
    await this.facts.raise(em, 'events.voided', { events: [event], clientHistories });
    return { at, awards };
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const group: Job[] = [];
        let size = 0;
        while (this.queue.length > 0 && (group.length === 0 || size + this.queue[0]!.events.length <= MAX_GROUP_EVENTS)) {
          const job = this.queue.shift()!;
          group.push(job);
          size += job.events.length;
        }
        await this.commitGroup(group);
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: Job[]): Promise<void> {
    let outcome: (IngestResult | DomainError)[];
    try {
      outcome = await this.db.write((em) => this.process(em, group));
    } catch (error) {
      if (group.length > 1) {
        // One request's failure must not sink the others: retry each alone.
        for (const job of group) await this.commitGroup([job]);
        return;
      }
      // The database not answering is said once by the error filter, not once per request here.
      if (!isDatabaseUnavailable(error))
        this.log.error(`ingest failed: ${String(error)}`, error instanceof Error ? error.stack : undefined);
      group[0]!.reject(error);
      return;
    }
    const now = performance.now();
    outcome.forEach((r, i) => {
      const job = group[i]!;
      ingestSeconds.observe({ source: job.source }, (now - job.queuedAt) / 1000);
      if (r instanceof DomainError) return job.reject(r);
      if (job.fresh > 0) eventsIngested.inc({ source: job.source }, job.fresh);
      job.resolve(r);
    });
  }

  /**
   * Admits each request of the group against what is stored (looked up once for the whole group),
   * inserts the accepted events in one go, and scores them together. Who exists is the cached
   * scoring context's answer: the same people the events are scored with.
   */
  private async process(em: EntityManager, group: Job[]): Promise<(IngestResult | DomainError)[]> {
    const ids = new Set<string>();
    for (const job of group) for (const e of job.events) ids.add(e.id);
    const stored = new Map<string, { body: string; receivedAt: string }>(
      (await this.ledger.storedBodies(em, [...ids])).map((r) => [r.id, r]),
    );
    const ctx = await this.contexts.cachedContext(em);
    const known = (id: string): boolean => ctx.employee(id) !== undefined;
    const now = this.clock.now();
    const receivedAt = now.toISOString();

    const results: (IngestResult | DomainError)[] = [];
    const accepted: { event: ActivityEvent; json: string }[] = [];
    const news: ActivityEvent[] = [];
    for (const job of group) {
      try {
        const { result, fresh } = this.admit(job.events, stored, known, now);
        // Later requests of the group see these as stored: a repeat is a retry, not a new event.
        for (const f of fresh) stored.set(f.event.id, { body: f.json, receivedAt });
        results.push(result);
        job.fresh = fresh.length;
        accepted.push(...fresh);
        if (!job.history) news.push(...fresh.map((f) => f.event));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push(error);
      }
    }
    await this.ledger.insertEvents(
      em,
      accepted.map(({ event, json }) => ({
        id: event.id,
        type: event.type,
        occurredAt: event.occurredAt,
        employeeId: 'employeeId' in event ? event.employeeId : null,
        clientId: 'clientId' in event ? (event.clientId ?? null) : null,
        body: json,
        receivedAt,
        voidedAt: null,
        voidReason: null,
        source: event.source ?? null,
      })),
    );
    const fresh = accepted.map((a) => a.event);
    await this.ledger.nameClients(em, fresh);
    const { clientHistories } = await this.writePath.score(em, fresh, { code: 'rescore' }, true, news);
    if (fresh.length > 0) await this.facts.raise(em, 'events.recorded', { events: fresh, clientHistories });
    return results;
  }

  /** Checks one request against what is stored; refuses it whole on any error. */
  private admit(
    events: ActivityEvent[],
    stored: ReadonlyMap<string, { body: string; receivedAt: string }>,
    known: (employeeId: string) => boolean,
    now: Date,
  ): { result: IngestResult; fresh: { event: ActivityEvent; json: string }[] } {
    const conflicts: FieldError[] = [];
    const invalid: FieldError[] = [];

    const firstIndex = new Map<string, { index: number; json: string; event: ActivityEvent }>();
    events.forEach((event, index) => {
      const json = canonicalEventJson(event);
      const seen = firstIndex.get(event.id);
      if (!seen) firstIndex.set(event.id, { index, json, event });
      else if (seen.json !== json)
        conflicts.push({
          index,
          field: 'id',
          reason: `id "${event.id}" appears earlier in this batch (index ${seen.index}) with a different body`,
          why: why('id_in_batch', { id: event.id, index: seen.index }),
          code: 'event.id_conflict',
        });
    });

    const fresh: { event: ActivityEvent; json: string }[] = [];
    for (const { index, json, event } of firstIndex.values()) {
      const existing = stored.get(event.id);
      if (existing) {
        if (existing.body !== json)
          conflicts.push({
            index,
            field: 'id',
            reason: `id "${event.id}" was already used for a different event`,
            why: why('id_taken', { id: event.id }),
            code: 'event.id_conflict',
          });
        continue;
      }
      const occurredAt = new Date(event.occurredAt).getTime();
      if (occurredAt < EARLIEST_OCCURRED_AT)
        invalid.push({ index, field: 'occurredAt', reason: 'is before 2000-01-01 (UTC)', why: why('too_old'), code: 'event.too_old' });
      if (occurredAt > now.getTime() + MAX_CLOCK_SKEW_MS) {
        invalid.push({
          index,
          field: 'occurredAt',
          reason: `is more than 5 minutes ahead of the server clock (${now.toISOString()})`,
          why: why('future'),
          code: 'event.future_time',
        });
      }
      if ('employeeId' in event && !known(event.employeeId))
        invalid.push({
          index,
          field: 'employeeId',
          reason: `no employee with id "${event.employeeId}"`,
          why: why('no_employee', { id: event.employeeId }),
          code: 'event.unknown_employee',
        });
      if ('toEmployeeId' in event && event.toEmployeeId && !known(event.toEmployeeId)) {
        invalid.push({
          index,
          field: 'toEmployeeId',
          reason: `no employee with id "${event.toEmployeeId}"`,
          why: why('no_employee', { id: event.toEmployeeId }),
          code: 'event.unknown_employee',
        });
      }
      fresh.push({ event, json });
    }
    if (conflicts.length > 0 || invalid.length > 0) {
      const errors = [...conflicts, ...invalid].sort((a, b) => a.index - b.index);
      const code = conflicts.length > 0 ? 'conflict' : 'unprocessable';
      const refusal = new DomainError(code, `${new Set(errors.map((e) => e.index)).size} event(s) refused; nothing was stored`, errors);
      throw refusal.withCode(conflicts.length > 0 ? 'event.id_conflict' : (invalid[0]?.code ?? 'request.unprocessable'));
    }

    const receivedAt = now.toISOString();
    const result: IngestResult = {
      count: firstIndex.size,
      events: [...firstIndex.values()].map(({ event }) => ({ id: event.id, receivedAt: stored.get(event.id)?.receivedAt ?? receivedAt })),
    };
    return { result, fresh };
  }
}
