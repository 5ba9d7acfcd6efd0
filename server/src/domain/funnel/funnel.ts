import {
  FUNNEL_STAGES,
  stagesOf,
  type ClientsKept,
  type FunnelStage,
  type FunnelStages,
  type MeFunnel,
  type MeFunnelStage,
  type Role,
  type StageValue,
} from '@conveyor/shared';
import type { ClientSummary, Counter } from './counts.js';
import { median } from './stats.js';

/** Counters summed over some months (of one person-team, a team, or the office). */
export type CounterBag = Partial<Record<Counter, number>>;

/**
 * What each stage divides: the counter above the line and the one below it (`calls` divides
 * successful calls by working days, which are not counted events).
 */
export const STAGE_COUNTERS: Record<FunnelStage, [numerator: Counter, denominator: Counter | null]> = {
  calls: ['calls.success', null],
  'call.success': ['calls.success', 'calls'],
  need: ['need', 'calls.success'],
  'meeting.set': ['meetings.first', 'need'],
  'meeting.held': ['meetings.held', 'meetings.handed'],
  contract: ['contracts', 'meetings.held'],
  retention: ['retention.kept', 'retention.base'],
};

export function stageValue(numerator: number, denominator: number): StageValue {
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}

/** One stage of a bag; `days` is the working days the bag's telemarketers had (the denominator of `calls`). */
export function stageOf(stage: FunnelStage, bag: CounterBag, days: number): StageValue {
  const [num, den] = STAGE_COUNTERS[stage];
  return stageValue(bag[num] ?? 0, den === null ? days : (bag[den] ?? 0));
}

export function allStages(bag: CounterBag, days: number): FunnelStages {
  return Object.fromEntries(FUNNEL_STAGES.map((s) => [s, stageOf(s, bag, days)])) as FunnelStages;
}

export function roleStages(role: Role, bag: CounterBag, days: number): Partial<FunnelStages> {
  return Object.fromEntries(stagesOf(role).map((s) => [s, stageOf(s, bag, days)]));
}

export function addBag(into: CounterBag, from: CounterBag): CounterBag {
  for (const [k, v] of Object.entries(from) as [Counter, number][]) into[k] = (into[k] ?? 0) + v;
  return into;
}

const MONTH_MS = (365.2425 / 12) * 86_400_000;

/**
 * Clients kept in a period [from, to): they had paid before its end and had not churned before its
 * start. Lifetime runs from the first payment to the churn or the period's end (or `now`, whichever
 * is first); LTV is everything the client paid.
 */
export function clientsKept(clients: readonly ClientSummary[], from: string, to: string, now: string, currency: string): ClientsKept {
  const end = Date.parse(to < now ? to : now);
  let kept = 0;
  let months = 0;
  let paid = 0;
  for (const c of clients) {
    if (c.firstPaidAt === null || c.firstPaidAt >= to || (c.churnedAt !== null && c.churnedAt < from)) continue;
    kept++;
    paid += c.paidTotal;
    const until = c.churnedAt !== null ? Math.min(Date.parse(c.churnedAt), end) : end;
    months += Math.max(0, until - Date.parse(c.firstPaidAt)) / MONTH_MS;
  }
  if (kept === 0) return { kept: 0, avgLifetimeMonths: null, ltv: null, currency };
  return { kept, avgLifetimeMonths: Math.round((months / kept) * 10) / 10, ltv: Math.round(paid / kept), currency };
}

/** Below this many in the denominator a stage says too little to suggest a next step from. */
const MIN_FOR_ADVICE = 5;

/**
 * My stages beside the median of the others of my role who had anything counted, and the stage
 * furthest below it (relative), which is where a step helps most. Never a ranking of anyone.
 */
export function myFunnel(
  role: Role,
  mine: Partial<FunnelStages>,
  others: readonly Partial<FunnelStages>[],
  periodKey: string,
): Pick<MeFunnel, 'stages' | 'nextStep'> {
  const stages: MeFunnelStage[] = stagesOf(role).map((stage) => ({
    stage,
    mine: mine[stage] ?? stageValue(0, 0),
    officeMedian: median(others.flatMap((o) => (o[stage]?.rate != null && o[stage].denominator > 0 ? [o[stage].rate] : []))),
  }));
  let next: MeFunnelStage | null = null;
  let worst = 1;
  for (const s of stages) {
    if (s.mine.rate === null || s.officeMedian === null || s.officeMedian <= 0 || s.mine.denominator < MIN_FOR_ADVICE) continue;
    const ratio = s.mine.rate / s.officeMedian;
    if (ratio < worst) [worst, next] = [ratio, s];
  }
  return {
    stages,
    nextStep: next
      ? {
          stage: next.stage,
          reasonCode: `me.next.${next.stage}`,
          params: {
            name: '',
            numerator: next.mine.numerator,
            denominator: next.mine.denominator,
            rate: next.mine.rate!,
            officeRate: next.officeMedian!,
            period: periodKey,
          },
        }
      : null,
  };
}
