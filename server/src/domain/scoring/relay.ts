import type { ActivityEvent, ReasonParams } from '@conveyor/shared';
import { nextMonthKey, periodKeysOf } from '../periods/periods.js';
import { addMonthsLocal } from '../periods/zoned-time.js';
import { RULES, type RuleSet } from './rule-set.js';
import {
  clientParams,
  compareEvents,
  CURRENCY,
  draft,
  latestClientName,
  type AwardDraft,
  type ScoringContext,
  type ScoringScope,
} from './award.js';

type Payment = Extract<ActivityEvent, { type: 'payment.received' }>;

type Source = { employeeId: string; at: string; toEmployeeId?: string };

/** One payment of a client, with everything the relay rules need to know about that moment. */
export interface PaymentStep {
  event: Payment;
  cents: bigint;
  rules: RuleSet;
  quarter: string;
  isFirst: boolean;
  /** The first payment in the calendar month right after the month of the first payment. */
  isRenewal: boolean;
  /** Within the new-client window after the first payment. */
  isNew: boolean;
  /** The payment at which the quarter's payments reach the retention threshold, the client established. */
  crossesRetention: boolean;
  source: Source | null;
  seller: string | null;
  keeper: string | null;
  /** Keeping ended by a churn and not restarted: nothing is paid. */
  churned: boolean;
}

/** What a client remembers: who sourced, sold and keeps it, its first payment and every payment. */
export interface ClientTimeline {
  source: Source | null;
  seller: string | null;
  keeper: string | null;
  churned: boolean;
  firstPaymentAt: string | null;
  newUntil: string | null;
  payments: PaymentStep[];
}

/** Walks a client's history in `occurredAt` order (PRODUCT.md, "Who sourced, sold and keeps a client"). */
export function clientTimeline(history: readonly ActivityEvent[], ctx: ScoringContext): ClientTimeline {
  let source: Source | null = null;
  let lastContract: string | null = null;
  let lastHeld: string | null = null;
  let keeper: string | null = null;
  let churned = false;
  let first: Payment | null = null;
  let newUntil: string | null = null;
  let renewalMonth = '';
  let renewed = false;
  const quarterCents = new Map<string, bigint>();
  const retentionDone = new Set<string>();
  const payments: PaymentStep[] = [];
  const seller = (): string | null => {
    if (lastContract ?? lastHeld) return lastContract ?? lastHeld;
    if (!source) return null;
    if (source.toEmployeeId) return source.toEmployeeId;
    const team = ctx.teamAt(source.employeeId, source.at);
    return team ? ctx.memberAt(team, 'sales', source.at) : null;
  };

  for (const event of [...history].sort(compareEvents)) {
    switch (event.type) {
      case 'meeting.scheduled':
        source ??= { employeeId: event.employeeId, at: event.occurredAt, toEmployeeId: event.toEmployeeId };
        break;
      case 'contract.signed':
        lastContract = event.employeeId;
        break;
      case 'meeting.held':
        lastHeld = event.employeeId;
        break;
      case 'client.handed_over': {
        const team = ctx.teamAt(event.employeeId, event.occurredAt);
        keeper = event.toEmployeeId ?? (team ? ctx.memberAt(team, 'account', event.occurredAt) : null);
        churned = false;
        break;
      }
      case 'client.churned':
        keeper = null;
        churned = true;
        break;
      case 'payment.received': {
        const rules = ctx.rulesAt(event.occurredAt);
        const cents = BigInt(Math.round(event.amount * 100));
        const keys = periodKeysOf(new Date(event.occurredAt), ctx.timeZone);
        const isFirst = first === null;
        if (first === null) {
          first = event;
          newUntil = addMonthsLocal(new Date(event.occurredAt), rules.account.newClientMonths, ctx.timeZone).toISOString();
          renewalMonth = nextMonthKey(keys.month);
        }
        const isRenewal = !isFirst && !renewed && keys.month === renewalMonth;
        if (isRenewal) renewed = true;
        const isNew = newUntil !== null && event.occurredAt < newUntil;
        const quarterTotal = (quarterCents.get(keys.quarter) ?? 0n) + cents;
        quarterCents.set(keys.quarter, quarterTotal);
        const crossesRetention =
          !isNew && !retentionDone.has(keys.quarter) && quarterTotal >= BigInt(Math.round(rules.account.retentionThreshold * 100));
        if (crossesRetention) retentionDone.add(keys.quarter);
        payments.push({
          event,
          cents,
          rules,
          quarter: keys.quarter,
          isFirst,
          isRenewal,
          isNew,
          crossesRetention,
          source,
          seller: seller(),
          keeper,
          churned,
        });
        break;
      }
      default:
        break;
    }
  }
  return { source, seller: seller(), keeper, churned, firstPaymentAt: first?.occurredAt ?? null, newUntil, payments };
}

/**
 * Relay credit for one client, from its whole history in `occurredAt` order (PRODUCT.md, "Default
 * scoring"): the source telemarketer's first-payment bonus, the seller's points on the first
 * payment and the renewal, the keeper's points on every payment (doubled while the client is new)
 * and the quarterly retention bonus, and the team-only chain-completed bonus on the renewal.
 * Each payment is scored with the rules in effect when it was made; after a churn, nothing is paid
 * until a new hand-over restarts keeping.
 */
export function scoreClient(clientId: string, history: readonly ActivityEvent[], ctx: ScoringContext): AwardDraft[] {
  const scope: ScoringScope = { kind: 'client', clientId };
  const client = clientParams(clientId, latestClientName(history));
  return clientTimeline(history, ctx).payments.flatMap((p) => (p.churned ? [] : scorePayment(p)));

  function scorePayment(p: PaymentStep): AwardDraft[] {
    const out: AwardDraft[] = [];
    const { event, rules } = p;
    const at = event.occurredAt;
    const give = (
      employeeId: string | null,
      rule: (typeof RULES)[keyof typeof RULES],
      points: number,
      what: string,
      params: ReasonParams,
      keySuffix = '',
    ): void => {
      const who = employeeId ? ctx.employee(employeeId) : undefined;
      if (!who || points <= 0) return;
      out.push(
        draft({
          rules,
          scope,
          event,
          who,
          rule,
          points,
          what,
          params: { ...client, ...params },
          teamId: ctx.teamAt(who.id, at),
          keySuffix,
        }),
      );
    };
    const amount = formatAmount(event.amount);
    const money = { amount: event.amount, currency: CURRENCY };

    if (p.isFirst && p.source)
      give(
        p.source.employeeId,
        RULES.firstPaymentSourced,
        rules.telemarketer.firstPaymentBonus,
        `client ${clientId} they sourced made its first payment`,
        {},
      );

    if (p.isFirst || p.isRenewal) {
      const rate = p.isFirst ? rules.sales.firstPaymentPerThousand : rules.sales.renewalPerThousand;
      const rule = p.isFirst ? RULES.salesFirstPayment : RULES.salesRenewal;
      give(
        p.seller,
        rule,
        perThousand(p.cents, rate),
        `${p.isFirst ? 'first payment' : 'renewal'} of ${amount} from client ${clientId}`,
        money,
      );
    }

    if (p.keeper) {
      const rate = rules.account.paymentPerThousand * (p.isNew ? rules.account.newClientMultiplier : 1);
      give(
        p.keeper,
        RULES.accountPayment,
        perThousand(p.cents, rate),
        `payment of ${amount} from ${p.isNew ? 'new' : 'established'} client ${clientId}`,
        { ...money, newClient: p.isNew },
        `:${event.id}`,
      );
      if (p.crossesRetention) {
        give(
          p.keeper,
          RULES.accountRetention,
          rules.account.retentionBonus,
          `client ${clientId} paid ${formatAmount(rules.account.retentionThreshold)} this quarter, retention bonus`,
          { threshold: rules.account.retentionThreshold, currency: CURRENCY, period: p.quarter },
          `:${p.quarter}`,
        );
      }
    }

    if (p.isRenewal && p.source && rules.team.chainCompleted > 0) {
      const team = ctx.teamAt(p.source.employeeId, p.source.at);
      if (team)
        out.push(
          draft({
            rules,
            scope,
            event,
            who: null,
            rule: RULES.chainCompleted,
            points: rules.team.chainCompleted,
            what: `client ${clientId} renewed, chain completed`,
            params: client,
            teamId: team,
            teamName: ctx.teamName(team),
          }),
        );
    }
    return out;
  }
}

/** Points for an amount at a rate per 1,000, computed exactly and rounded down once. */
export function perThousand(cents: bigint, ratePerThousand: number): number {
  // The rate as a fraction with 4 decimal places: points = floor(cents * rate / 100_000).
  const rate = BigInt(Math.round(ratePerThousand * 10_000));
  return Number((cents * rate) / 1_000_000_000n);
}

function formatAmount(amount: number): string {
  return amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
