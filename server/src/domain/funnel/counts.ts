import type { ActivityEvent } from '@conveyor/shared';
import { nextMonthKey, periodKeysOf } from '../periods/periods.js';
import { zonedToUtc } from '../periods/zoned-time.js';
import { compareEvents, type ScoringContext } from '../scoring/award.js';
import { clientTimeline } from '../scoring/relay.js';

/**
 * What the funnel counts, per office-local month, person and the team they were in when the action
 * happened. Stages are ratios of these (funnel.ts).
 */
export const COUNTERS = [
  'calls',
  'calls.success',
  'need',
  /** Clients whose first `meeting.scheduled` this was (the telemarketer who sourced them). */
  'meetings.first',
  /** Meetings handed to a sales manager (`toEmployeeId`, else the sales member of the telemarketer's team). */
  'meetings.handed',
  'meetings.held',
  'contracts',
  /** Kept clients that paid in the month before (counted in the month after, for their keeper). */
  'retention.base',
  /** Of those, the ones that paid again in this month before any churn. */
  'retention.kept',
] as const;
export type Counter = (typeof COUNTERS)[number];

export interface Count {
  /** Office-local month, `2026-11`. */
  month: string;
  employeeId: string;
  teamId: string | null;
  counter: Counter;
  n: number;
}

/** The event types whose counts depend on the client's history rather than the event alone. */
export const CLIENT_COUNTED_TYPES: ReadonlySet<ActivityEvent['type']> = new Set([
  'meeting.scheduled',
  'client.handed_over',
  'client.churned',
  'payment.received',
]);

const months = new Map<string, string>();

/** The office-local month of an instant, remembered by the minute (offsets change on whole minutes at most). */
function monthOf(at: string, timeZone: string): string {
  const key = `${timeZone}|${at.slice(0, 16)}`;
  let month = months.get(key);
  if (month === undefined) {
    if (months.size > 100_000) months.clear();
    month = periodKeysOf(new Date(at), timeZone).month;
    months.set(key, month);
  }
  return month;
}

function count(ctx: ScoringContext, counter: Counter, employeeId: string, at: string): Count {
  return { month: monthOf(at, ctx.timeZone), employeeId, teamId: ctx.teamAt(employeeId, at), counter, n: 1 };
}

/** What one event counts by itself; a call is successful by the rules in effect when it was made. */
export function eventCounts(event: ActivityEvent, ctx: ScoringContext): Count[] {
  const at = event.occurredAt;
  switch (event.type) {
    case 'call':
      return event.durationSec >= ctx.rulesAt(at).telemarketer.successfulCallSec
        ? [count(ctx, 'calls', event.employeeId, at), count(ctx, 'calls.success', event.employeeId, at)]
        : [count(ctx, 'calls', event.employeeId, at)];
    case 'need.identified':
      return [count(ctx, 'need', event.employeeId, at)];
    case 'meeting.scheduled': {
      const team = ctx.teamAt(event.employeeId, at);
      const to = event.toEmployeeId ?? (team ? ctx.memberAt(team, 'sales', at) : null);
      return to ? [count(ctx, 'meetings.handed', to, at)] : [];
    }
    case 'meeting.held':
      return [count(ctx, 'meetings.held', event.employeeId, at)];
    case 'contract.signed':
      return [count(ctx, 'contracts', event.employeeId, at)];
    default:
      return [];
  }
}

/** What the office remembers of a kept client: who keeps (or last kept) it, since when it pays and how much. */
export interface ClientSummary {
  clientId: string;
  keeperId: string | null;
  keeperTeamId: string | null;
  firstPaidAt: string | null;
  firstAmount: number;
  lastPaidAt: string | null;
  paidTotal: number;
  /** Set when keeping ended with a churn and did not restart. */
  churnedAt: string | null;
}

/**
 * What a client's whole (non-voided) history counts: its first meeting for the telemarketer who
 * set it, and, month by month, whether the clients its keeper had paying came back the month after.
 */
export function clientCounts(
  clientId: string,
  history: readonly ActivityEvent[],
  ctx: ScoringContext,
): { counts: Count[]; summary: ClientSummary } {
  const timeline = clientTimeline(history, ctx);
  const counts: Count[] = [];
  if (timeline.source) counts.push(count(ctx, 'meetings.first', timeline.source.employeeId, timeline.source.at));

  // The keeper of each month's last kept payment, and the months with any payment before a churn.
  const keptIn = new Map<string, string>();
  const paidIn = new Set<string>();
  for (const p of timeline.payments) {
    if (p.churned) continue;
    const month = monthOf(p.event.occurredAt, ctx.timeZone);
    paidIn.add(month);
    if (p.keeper) keptIn.set(month, p.keeper);
  }
  for (const [month, keeper] of keptIn) {
    const next = nextMonthKey(month);
    const [y, m] = next.split('-').map(Number) as [number, number];
    const at = zonedToUtc(y, m, 1, ctx.timeZone).toISOString();
    counts.push({ ...count(ctx, 'retention.base', keeper, at), month: next });
    if (paidIn.has(next)) counts.push({ ...count(ctx, 'retention.kept', keeper, at), month: next });
  }

  const payments = timeline.payments;
  const lastKept = [...payments].reverse().find((p) => p.keeper !== null && !p.churned);
  const keeperId = timeline.keeper ?? lastKept?.keeper ?? null;
  const last = payments.at(-1);
  const churn = timeline.churned
    ? [...history]
        .sort(compareEvents)
        .filter((e) => e.type === 'client.churned')
        .at(-1)
    : undefined;
  const teamAt = churn?.occurredAt ?? last?.event.occurredAt;
  return {
    counts,
    summary: {
      clientId,
      keeperId,
      keeperTeamId: keeperId && teamAt ? ctx.teamAt(keeperId, teamAt) : null,
      firstPaidAt: timeline.firstPaymentAt,
      firstAmount: payments[0]?.event.amount ?? 0,
      lastPaidAt: last?.event.occurredAt ?? null,
      paidTotal: payments.reduce((sum, p) => sum + p.event.amount, 0),
      churnedAt: churn?.occurredAt ?? null,
    },
  };
}

/** `key` of a count's cell: month, person, team and counter. */
export function cellKey(c: Omit<Count, 'n'>): string {
  return `${c.month}|${c.employeeId}|${c.teamId ?? ''}|${c.counter}`;
}

/** Adds counts into cells, `sign` +1 or -1; cells that come back to zero are kept (their delta is zero). */
export function addCounts(into: Map<string, Count>, counts: readonly Count[], sign: 1 | -1): void {
  for (const c of counts) {
    const key = cellKey(c);
    const cell = into.get(key);
    if (cell) cell.n += sign * c.n;
    else into.set(key, { ...c, n: sign * c.n });
  }
}
