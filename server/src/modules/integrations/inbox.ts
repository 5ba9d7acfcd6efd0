import { Injectable } from '@nestjs/common';
import { whyAsParams, type DeliveryReason, type DeliveryStatus } from '@conveyor/shared';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import type { Reply, WebhookRequest } from '../../domain/integrations/adapter.js';
import { ADAPTERS } from '../../domain/integrations/adapters.js';
import { ConnectionsService } from './connections.service.js';
import { DeliveryWorker } from './delivery.worker.js';
import type { DeliveryEntity } from './integrations.entities.js';
import { IntegrationsRepository } from './integrations.repository.js';
import { readSafely } from './read-safely.js';
import { storeRequest } from './stored-request.js';

/** A webhook call as the HTTP layer hands it over. */
export interface HookCall {
  key: string;
  subpath: string;
  method: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  rawBody: string;
  url: string;
}

interface Waiting {
  row: DeliveryEntity;
  resolve(): void;
  reject(error: unknown): void;
}

let sequence = 0;

/** Time-ordered and unique: real arrival time (ms), a process sequence, and randomness. */
export function deliveryId(): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${Date.now().toString().padStart(13, '0')}${sequence.toString().padStart(6, '0')}${randomBytes(4).toString('hex')}`;
}

/**
 * The front door of every webhook: finds the connection by its key, checks the signature as the
 * system documents it, stores the delivery raw (durable before the system gets its answer), and
 * answers what the system expects at once. Scoring happens after, in the worker.
 */
@Injectable()
export class Inbox {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly db: Database,
    private readonly repo: IntegrationsRepository,
    private readonly connections: ConnectionsService,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async receive(call: HookCall): Promise<Reply> {
    const connection = await this.connections.byKey(call.key);
    const adapter = connection?.enabled ? ADAPTERS[connection.system] : undefined;
    if (!connection || !adapter)
      throw new DomainError('not_found', 'No integration has this webhook address').withCode('integration.unknown_hook');
    const receivedAt = this.clock.now();
    const request: WebhookRequest = { ...call, receivedAt };
    const row = (status: DeliveryStatus, reason: DeliveryReason | null, extra: Partial<DeliveryEntity> = {}): DeliveryEntity => ({
      id: deliveryId(),
      integrationId: connection.id,
      receivedAt: receivedAt.toISOString(),
      occurredAt: null,
      status,
      reason,
      params: '{}',
      unmapped: '[]',
      eventIds: '[]',
      summary: '{}',
      attempts: 0,
      nextAttemptAt: null,
      request: storeRequest(request, call.subpath),
      ...extra,
    });

    const verdict = adapter.verify(request, connection.settings);
    if (!verdict.ok) {
      // Nothing of a refused request is kept but the fact of it.
      await this.store(row('refused', verdict.reason, { request: null }));
      throw new DomainError('unauthenticated', 'The signature, token or credentials of this delivery do not match').withCode(
        'integration.refused',
      );
    }
    const reading = readSafely(() => adapter.read(request, connection.settings));
    switch (reading.kind) {
      case 'handshake':
        return reading.reply;
      case 'malformed':
        await this.store(
          row('ignored', 'malformed', {
            params: JSON.stringify({ field: reading.field, reason: reading.reason, ...whyAsParams(reading.why) }),
          }),
        );
        return adapter.rejected(reading.field, reading.reason);
      case 'candidates': {
        const first = reading.candidates.map((c) => c.occurredAt).sort()[0] ?? null;
        await this.store(row('pending', null, { occurredAt: first, summary: JSON.stringify(reading.summary) }));
        break;
      }
      default:
        await this.store(row('pending', null, { summary: JSON.stringify(reading.summary ?? {}) }));
    }
    this.worker.kick();
    return adapter.accepted;
  }

  /** Stores a delivery; deliveries arriving together share one transaction. */
  private store(row: DeliveryEntity): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, 500);
        try {
          await this.db.write((em) =>
            this.repo.insertDeliveries(
              em,
              group.map((w) => w.row),
            ),
          );
          for (const w of group) w.resolve();
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}
