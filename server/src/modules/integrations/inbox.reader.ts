import { Injectable } from '@nestjs/common';
import type { Delivery, DeliveryPage, DeliveryReason, DeliveryStatus, Unmapped } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { DeliveryWorker } from './delivery.worker.js';
import type { DeliveryEntity } from './integrations.entities.js';
import { IntegrationsRepository } from './integrations.repository.js';
import type { StoredRequest } from './stored-request.js';

/** The inbox as managers see it: pages, a delivery's raw body, and replays. */
@Injectable()
export class InboxReader {
  constructor(
    private readonly db: Database,
    private readonly repo: IntegrationsRepository,
    private readonly worker: DeliveryWorker,
  ) {}

  async page(integrationId: string, q: { status?: DeliveryStatus; before?: string; limit: number }): Promise<DeliveryPage> {
    await this.mustExist(integrationId);
    const rows = await this.repo.page(this.db.manager, integrationId, q);
    return { items: rows.map(toDelivery), next: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
  }

  async raw(integrationId: string, id: string): Promise<{ contentType: string; body: string }> {
    const row = await this.mustFind(integrationId, id);
    if (row.request === null) return { contentType: '', body: '' };
    const stored = JSON.parse(row.request) as StoredRequest;
    return { contentType: stored.headers['content-type'] ?? '', body: stored.body };
  }

  /** Reads the delivery again and scores it; answers once its outcome is recorded. */
  async replay(integrationId: string, id: string): Promise<Delivery> {
    const row = await this.mustFind(integrationId, id);
    if (row.request === null)
      throw new DomainError('conflict', 'A refused delivery kept nothing to replay', [
        { index: 0, field: 'deliveryId', reason: 'was refused: its body was not kept' },
      ]).withCode('delivery.not_replayable');
    await this.db.write((em) => this.repo.requeue(em, id));
    await this.worker.settled(id);
    return toDelivery((await this.mustFind(integrationId, id)) satisfies DeliveryEntity);
  }

  private async mustExist(integrationId: string): Promise<void> {
    if (!(await this.repo.find(this.db.manager, integrationId)))
      throw DomainError.notFound('Integration', integrationId).withCode('integration.not_found');
  }

  private async mustFind(integrationId: string, id: string): Promise<DeliveryEntity> {
    await this.mustExist(integrationId);
    const row = await this.repo.delivery(this.db.manager, integrationId, id);
    if (!row) throw DomainError.notFound('Delivery', id).withCode('delivery.not_found');
    return row;
  }
}

export function toDelivery(row: DeliveryEntity): Delivery {
  return {
    id: row.id,
    integrationId: row.integrationId,
    receivedAt: row.receivedAt,
    occurredAt: row.occurredAt,
    status: row.status as DeliveryStatus,
    reason: row.reason as DeliveryReason | null,
    params: JSON.parse(row.params) as Record<string, string | number>,
    unmapped: JSON.parse(row.unmapped) as Unmapped[],
    eventIds: JSON.parse(row.eventIds) as string[],
    summary: JSON.parse(row.summary) as Record<string, string | number>,
    attempts: row.attempts,
  };
}
