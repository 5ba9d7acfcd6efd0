import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { whyAsParams, type ActivityEvent, type DeliveryReason, type DeliveryStatus, type StatusMap, type Unmapped } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import type { Reading } from '../../domain/integrations/adapter.js';
import { ADAPTERS } from '../../domain/integrations/adapters.js';
import { resolve, type Mapping } from '../../domain/integrations/resolve.js';
import { IngestService } from '../ledger/ingest.service.js';
import { OrgDirectory } from '../org/org.directory.js';
import { ConnectionsService, type Connection } from './connections.service.js';
import type { DeliveryEntity } from './integrations.entities.js';
import { IntegrationsRepository, type DeliveryOutcome } from './integrations.repository.js';
import { performLookups } from './lookups.js';
import { restoreRequest } from './stored-request.js';
import { readSafely } from './read-safely.js';

/** Deliveries read per pass. */
const BATCH = 200;
/** A lookup (Bitrix24's REST API) is tried this many times, then the delivery is ignored (`fetch_failed`); a replay tries again. */
const MAX_ATTEMPTS = 6;
/** Waits between tries: 1 s, 5 s, 30 s, 2 min, 10 min. */
const BACKOFF_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

/** What reading a delivery decided, before the ledger has its say. */
type Decision =
  | { kind: 'final'; outcome: DeliveryOutcome }
  | { kind: 'events'; row: DeliveryEntity; events: ActivityEvent[]; occurredAt: string | null; summary: string };

/**
 * Scores the inbox: reads each pending delivery again (fetching what a system leaves out), maps its
 * users and statuses, and hands its events to the same write path as every event, in the order
 * they happened. A delivery with anything unmapped is parked until the office maps it (an employee's
 * `externalIds`, a connection's `statusMap`). Crash-safe: a delivery stays pending until its outcome
 * is recorded, and the ledger is idempotent by event id, so a delivery scored twice counts once.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(DeliveryWorker.name);
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly repo: IntegrationsRepository,
    private readonly connections: ConnectionsService,
    private readonly ingest: IngestService,
    private readonly org: OrgDirectory,
    private readonly facts: AppEvents,
  ) {}

  onApplicationBootstrap(): void {
    // A person's external ids or a connection's status map changed: parked deliveries may score now.
    this.unsubscribe.push(
      this.facts.on('org.changed', () => void this.unpark()),
      this.facts.on('integrations.changed', ({ integrationId }) => void this.unpark(integrationId)),
    );
    this.kick(); // what a crash left pending
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Processes what is pending now (and anything that arrives meanwhile). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop()
      .catch((error: unknown) => this.log.error(`inbox processing failed: ${String(error)}`))
      .finally(() => {
        this.running = null;
        if (this.again) this.kick();
      });
  }

  /** Resolves once the delivery has been processed (its outcome, or its next retry, recorded). */
  settled(id: string): Promise<void> {
    return new Promise<void>((done) => {
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), done]);
      this.kick();
    });
  }

  private async unpark(integrationId?: string): Promise<void> {
    try {
      await this.db.write((em) => this.repo.unpark(em, integrationId));
      this.kick();
    } catch (error) {
      this.log.error(`unparking deliveries failed: ${String(error)}`);
    }
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const rows = await this.repo.due(this.db.manager, new Date().toISOString(), BATCH);
        if (rows.length === 0) break;
        await this.processBatch(rows);
      }
    } while (this.again);
    await this.scheduleRetry();
  }

  private async scheduleRetry(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = await this.repo.nextRetryAt(this.db.manager);
    if (next === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, Date.parse(next) - Date.now()) + 10);
    this.timer.unref();
  }

  private async processBatch(rows: DeliveryEntity[]): Promise<void> {
    const [maps, employees] = await Promise.all([this.org.externalIdMaps(this.db.manager), this.org.listEmployees(this.db.manager)]);
    const employeeIds = new Set(employees.map((e) => e.id));
    const connections = new Map<string, Connection | null>();
    for (const id of new Set(rows.map((r) => r.integrationId))) connections.set(id, await this.connections.byId(id));

    // Reading (and looking up) may take its time; the events then go to the ledger in row order.
    const decisions = await Promise.all(
      rows.map((row) => {
        const connection = connections.get(row.integrationId);
        if (!connection) return Promise.resolve(null); // deleted meanwhile: the cascade took the row too
        const users = maps.get(connection.system) ?? new Map<string, string>();
        const mapping: Mapping = {
          // `generic` senders may use employee ids themselves.
          employeeOf: (key) => users.get(key) ?? (connection.system === 'generic' && employeeIds.has(key) ? key : undefined),
          statusMap: (connection.settings['statusMap'] ?? {}) as StatusMap,
        };
        return this.decide(row, connection, mapping);
      }),
    );
    // `score` calls the ledger before its first await: the events reach it in row order.
    const outcomes = await Promise.all(decisions.map(async (d) => (d === null ? null : d.kind === 'final' ? d.outcome : this.score(d))));
    const recorded = outcomes.filter((o): o is DeliveryOutcome => o !== null);
    await this.db.write((em) => this.repo.record(em, recorded));
    for (const o of recorded) {
      // Also when it stays pending (a lookup waits for its retry): a replay answers what it is now.
      for (const done of this.waiters.get(o.id) ?? []) done();
      this.waiters.delete(o.id);
    }
  }

  private async decide(row: DeliveryEntity, connection: Connection, mapping: Mapping): Promise<Decision> {
    const base = { ...outcomeOf(row), attempts: row.attempts + 1 };
    const final = (status: DeliveryStatus, reason: DeliveryReason | null, extra: Partial<DeliveryOutcome> = {}): Decision => ({
      kind: 'final',
      outcome: { ...base, status, reason, nextAttemptAt: null, ...extra },
    });
    if (row.request === null) return final('refused', row.reason as DeliveryReason | null);
    const adapter = ADAPTERS[connection.system];
    const request = restoreRequest(row.request, row.receivedAt);
    let reading: Reading = readSafely(() => adapter.read(request, connection.settings));
    if (reading.kind === 'lookup') {
      try {
        const answers = await performLookups(connection.system, connection.settings, reading.lookups);
        const lookedUp = reading;
        reading = readSafely(() => adapter.afterLookup?.(request, connection.settings, answers) ?? lookedUp);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        if (base.attempts >= MAX_ATTEMPTS) return final('ignored', 'fetch_failed', { params: JSON.stringify({ error: why }) });
        const wait = BACKOFF_MS[Math.min(base.attempts - 1, BACKOFF_MS.length - 1)]!;
        return final('pending', null, {
          params: JSON.stringify({ error: why }),
          nextAttemptAt: new Date(Date.now() + wait).toISOString(),
        });
      }
    }
    switch (reading.kind) {
      case 'handshake':
      case 'lookup':
        return final('ignored', 'nothing_to_score');
      case 'malformed':
        return final('ignored', 'malformed', {
          params: JSON.stringify({ field: reading.field, reason: reading.reason, ...whyAsParams(reading.why) }),
        });
      case 'ignored':
        return final('ignored', reading.reason, {
          params: JSON.stringify(reading.params ?? {}),
          summary: JSON.stringify(reading.summary ?? JSON.parse(row.summary)),
        });
    }
    const summary = JSON.stringify(reading.summary);
    const occurredAt = reading.candidates.map((c) => c.occurredAt).sort()[0] ?? row.occurredAt;
    const resolution = resolve(connection.system, reading.candidates, mapping);
    switch (resolution.kind) {
      case 'parked':
        return final('parked', resolution.unmapped[0]!.kind === 'user' ? 'user_unmapped' : 'status_unmapped', {
          unmapped: JSON.stringify(resolution.unmapped satisfies Unmapped[]),
          summary,
          occurredAt,
        });
      case 'ignored':
        return final('ignored', resolution.reason, { params: JSON.stringify(resolution.params), summary, occurredAt });
      case 'events':
        return { kind: 'events', row: { ...row, attempts: base.attempts }, events: resolution.events, occurredAt, summary };
    }
  }

  /** Hands a delivery's events to the ledger; its answer decides the delivery's status. */
  private async score(d: Extract<Decision, { kind: 'events' }>): Promise<DeliveryOutcome> {
    const base = { ...outcomeOf(d.row), occurredAt: d.occurredAt, summary: d.summary, unmapped: '[]', nextAttemptAt: null };
    try {
      const result = await this.ingest.ingest(d.events, { source: 'webhook' });
      return { ...base, status: 'scored', reason: null, params: '{}', eventIds: JSON.stringify(result.events.map((e) => e.id)) };
    } catch (error) {
      if (!(error instanceof DomainError)) {
        // The database, not the delivery: try again later.
        const wait = BACKOFF_MS[Math.min(d.row.attempts - 1, BACKOFF_MS.length - 1)]!;
        return { ...base, status: 'pending', reason: null, nextAttemptAt: new Date(Date.now() + wait).toISOString() };
      }
      const first = error.errors[0];
      const params = { code: error.code, ...(first && { field: first.field, reason: first.reason, ...whyAsParams(first.why) }) };
      const reason: DeliveryReason = error.code === 'event.id_conflict' ? 'already_recorded' : 'refused_by_ledger';
      return { ...base, status: 'ignored', reason, params: JSON.stringify(params) };
    }
  }
}

function outcomeOf(row: DeliveryEntity): DeliveryOutcome {
  return {
    id: row.id,
    status: row.status as DeliveryStatus,
    reason: row.reason,
    params: row.params,
    unmapped: row.unmapped,
    eventIds: row.eventIds,
    occurredAt: row.occurredAt,
    summary: row.summary,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
  };
}
