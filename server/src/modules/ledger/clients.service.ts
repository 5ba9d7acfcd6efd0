import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '@conveyor/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { clientTimeline } from '../../domain/scoring/relay.js';
import { ScoringContextLoader } from './context.loader.js';
import { LedgerReader } from './ledger.reader.js';

/** Clients are not entered anywhere: each is what its events say. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly db: Database,
    private readonly ledger: LedgerReader,
    private readonly contexts: ScoringContextLoader,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<ClientInfo> {
    return this.db.read(async (em) => {
      const history = await this.ledger.clientHistory(em, id);
      if (history.length === 0) throw DomainError.notFound('Client', id);
      const t = clientTimeline(history, await this.contexts.load(em));
      const now = this.clock.now().toISOString();
      const status = t.churned
        ? 'churned'
        : t.firstPaymentAt === null
          ? 'prospect'
          : t.newUntil && now < t.newUntil
            ? 'new'
            : 'established';
      return {
        id,
        status,
        source: t.source ? { employeeId: t.source.employeeId, at: t.source.at } : null,
        seller: t.seller,
        keeper: t.keeper,
        firstPaymentAt: t.firstPaymentAt,
        newUntil: t.newUntil,
        payments: t.payments.map((p) => ({
          eventId: p.event.id,
          occurredAt: p.event.occurredAt,
          amount: p.event.amount,
          kind: p.isFirst ? 'first' : p.isRenewal ? 'renewal' : 'later',
        })),
        totalPaid: Number(t.payments.reduce((sum, p) => sum + p.cents, 0n)) / 100,
      };
    });
  }
}
