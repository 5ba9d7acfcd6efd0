import type { ActivityEvent } from '@conveyor/shared';
import type { ScoringContext } from '../scoring/award.js';
import { clientTimeline } from '../scoring/relay.js';

/** What a payment means for its client, as news: it became a client, or it renewed. */
export type PaymentNewsKind = 'client.new' | 'client.renewal';

export interface PaymentNews {
  kind: PaymentNewsKind;
  /** Who brought it, known people only, each once: the seller, then the source (new) or the keeper (renewal). */
  people: string[];
}

/**
 * Whether a payment is a client's first payment or its renewal (PRODUCT.md, "Default scoring"),
 * read from the client's whole history the way scoring reads it; null for any other payment.
 */
export function paymentNews(history: readonly ActivityEvent[], eventId: string, ctx: ScoringContext): PaymentNews | null {
  const step = clientTimeline(history, ctx).payments.find((p) => p.event.id === eventId);
  if (!step || (!step.isFirst && !step.isRenewal)) return null;
  const who = step.isFirst ? [step.seller, step.source?.employeeId ?? null] : [step.seller, step.keeper];
  const people = [...new Set(who.filter((id): id is string => id !== null && ctx.employee(id) !== undefined))];
  return { kind: step.isFirst ? 'client.new' : 'client.renewal', people };
}
