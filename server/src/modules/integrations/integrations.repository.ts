import { Injectable } from '@nestjs/common';
import type { DeliveryStatus } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { bind, insertRows } from '../../database/sql.js';
import { DeliveryEntity, IntegrationEntity } from './integrations.entities.js';

const DELIVERY_COLUMNS = [
  'id',
  'integration_id',
  'received_at',
  'occurred_at',
  'status',
  'reason',
  'params',
  'unmapped',
  'event_ids',
  'summary',
  'attempts',
  'next_attempt_at',
  'request',
] as const;

/** What processing a delivery decided. */
export interface DeliveryOutcome {
  id: string;
  status: DeliveryStatus;
  reason: string | null;
  params: string;
  unmapped: string;
  eventIds: string;
  occurredAt: string | null;
  summary: string;
  attempts: number;
  nextAttemptAt: string | null;
}

/** The integrations room's tables: connections and the inbox. */
@Injectable()
export class IntegrationsRepository {
  list(em: EntityManager): Promise<IntegrationEntity[]> {
    return em.find(IntegrationEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  find(em: EntityManager, id: string): Promise<IntegrationEntity | null> {
    return em.findOneBy(IntegrationEntity, { id });
  }

  byKeyHash(em: EntityManager, hash: string): Promise<IntegrationEntity | null> {
    return em.findOneBy(IntegrationEntity, { keyHash: hash });
  }

  async save(em: EntityManager, row: IntegrationEntity): Promise<void> {
    await em.save(IntegrationEntity, row);
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    await em.delete(DeliveryEntity, { integrationId: id });
    await em.delete(IntegrationEntity, { id });
  }

  /** Deliveries per connection and status. */
  async inboxCounts(em: EntityManager): Promise<{ integrationId: string; status: DeliveryStatus; n: number }[]> {
    const rows = await em.query<{ integrationId: string; status: DeliveryStatus; n: number | string }[]>(
      'SELECT integration_id AS "integrationId", status, COUNT(*) AS n FROM integration_deliveries GROUP BY integration_id, status',
    );
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  async insertDeliveries(em: EntityManager, rows: readonly DeliveryEntity[]): Promise<void> {
    await insertRows(
      em,
      'integration_deliveries',
      DELIVERY_COLUMNS,
      rows.map((d) => [
        d.id,
        d.integrationId,
        d.receivedAt,
        d.occurredAt,
        d.status,
        d.reason,
        d.params,
        d.unmapped,
        d.eventIds,
        d.summary,
        d.attempts,
        d.nextAttemptAt,
        d.request,
      ]),
    );
  }

  delivery(em: EntityManager, integrationId: string, id: string): Promise<DeliveryEntity | null> {
    return em.findOneBy(DeliveryEntity, { integrationId, id });
  }

  deliveriesByIds(em: EntityManager, ids: readonly string[]): Promise<DeliveryEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return em.createQueryBuilder(DeliveryEntity, 'd').where('d.id IN (:...ids)', { ids }).getMany();
  }

  /** A page of a connection's inbox, newest first. */
  page(
    em: EntityManager,
    integrationId: string,
    q: { status?: DeliveryStatus; before?: string; limit: number },
  ): Promise<DeliveryEntity[]> {
    const query = em
      .createQueryBuilder(DeliveryEntity, 'd')
      .where('d.integration_id = :integrationId', { integrationId })
      .orderBy('d.id', 'DESC')
      .limit(q.limit);
    if (q.status) query.andWhere('d.status = :status', { status: q.status });
    if (q.before) query.andWhere('d.id < :before', { before: q.before });
    return query.getMany();
  }

  /** Pending deliveries due for processing (`now` in real time), in the order what they report happened. */
  due(em: EntityManager, now: string, limit: number): Promise<DeliveryEntity[]> {
    return em
      .createQueryBuilder(DeliveryEntity, 'd')
      .where("d.status = 'pending'")
      .andWhere('(d.next_attempt_at IS NULL OR d.next_attempt_at <= :now)', { now })
      .orderBy('d.occurred_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** When the next pending delivery waiting for a retry is due. */
  async nextRetryAt(em: EntityManager): Promise<string | null> {
    const rows = await em.query<{ at: string | null }[]>(
      "SELECT MIN(next_attempt_at) AS at FROM integration_deliveries WHERE status = 'pending' AND next_attempt_at IS NOT NULL",
    );
    return rows[0]?.at ?? null;
  }

  /** Parked deliveries (of one connection, or all) back to pending: their mappings may exist now. */
  async unpark(em: EntityManager, integrationId?: string): Promise<void> {
    const [sql, params] = bind(
      em,
      `UPDATE integration_deliveries SET status = 'pending', next_attempt_at = NULL WHERE status = 'parked'${integrationId ? ' AND integration_id = :integrationId' : ''}`,
      { integrationId },
    );
    await em.query(sql, params);
  }

  async record(em: EntityManager, outcomes: readonly DeliveryOutcome[]): Promise<void> {
    for (const o of outcomes) {
      await em.update(
        DeliveryEntity,
        { id: o.id },
        {
          status: o.status,
          reason: o.reason,
          params: o.params,
          unmapped: o.unmapped,
          eventIds: o.eventIds,
          occurredAt: o.occurredAt,
          summary: o.summary,
          attempts: o.attempts,
          nextAttemptAt: o.nextAttemptAt,
        },
      );
    }
  }

  async requeue(em: EntityManager, id: string): Promise<void> {
    await em.update(DeliveryEntity, { id }, { status: 'pending', attempts: 0, nextAttemptAt: null });
  }

  /** Forgets deliveries received before `before`; answers how many. */
  async purgeBefore(em: EntityManager, before: string): Promise<number> {
    const result = await em.createQueryBuilder().delete().from(DeliveryEntity).where('received_at < :before', { before }).execute();
    return result.affected ?? 0;
  }
}
