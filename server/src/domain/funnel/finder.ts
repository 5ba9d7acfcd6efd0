import { stagesOf, ROLES, type FunnelStage, type LostValue, type Role, type WeakLinkFinding } from '@conveyor/shared';
import type { RuleSet } from '../scoring/rule-set.js';
import { stageOf, type CounterBag } from './funnel.js';
import { countLowerTail, countSpread, holm, median, rateLowerTail, rateSpread } from './stats.js';

/** One person's counters over the period (all their teams together), and the working days they had. */
export interface FinderPerson {
  employeeId: string;
  name: string;
  role: Role;
  /** The team they did most of it in. */
  teamId: string | null;
  bag: CounterBag;
  days: number;
}

/** What the office's money and rules say a client is worth. */
export interface FinderOffice {
  /** All the office's counters: the later-stage rates `lost` is priced at. */
  bag: CounterBag;
  avgFirstPayment: number;
  avgLtv: number;
  rules: RuleSet;
  currency: string;
  periodKey: string;
}

/** `significant` needs a corrected one-sided p-value under this. */
export const ALPHA = 0.01;

/**
 * Honest people differ: the spread of true rates between people is taken as at least this share of
 * the rate of the rarer outcome (of the 10 % who leave when 90 % stay), and at least the office's
 * own typical spread (officeSpread), even when one stage's few people happen to look alike
 * (docs/funnel.md).
 */
export const MIN_RELATIVE_SPREAD = 0.03;

/** A stage's own spread counts up to this multiple of the office's typical spread: a few people are too few to learn more from. */
export const MAX_OWN_SPREAD = 1.5;

/** Small samples are never tested: at least this many trials (or working days) and this many expected successes. */
export const MIN_TRIALS = 20;
export const MIN_DAYS = 5;
export const MIN_EXPECTED = 10;

/** Stages along the chain that lead to a client, and the later stages' office rates multiply a shortfall into clients. */
const CHAIN = ['call.success', 'need', 'meeting.set', 'meeting.held', 'contract'] as const;
type ChainStage = (typeof CHAIN)[number];

interface Tested {
  person: FinderPerson;
  stage: FunnelStage;
  k: number;
  n: number;
  rate: number;
  officeRate: number;
  expected: number;
  p: number;
}

/**
 * For each person and each stage of their role, compares them with the rest of the office in the
 * same role: a beta-binomial lower tail for ratios, a negative-binomial one for successful calls per
 * working day (both reduce to the binomial and the Poisson when people do not differ), Holm's
 * correction over every pair tested. Returns the pairs where the person is below the others.
 */
export function findWeakLinks(people: readonly FinderPerson[], office: FinderOffice): { tested: number; findings: WeakLinkFinding[] } {
  const floor = Math.max(MIN_RELATIVE_SPREAD, officeSpread(people));
  const tested: Tested[] = [];
  for (const role of ROLES) {
    const ofRole = people.filter((p) => p.role === role);
    for (const stage of stagesOf(role))
      for (const person of ofRole) {
        const t = test(stage, person, ofRole, floor);
        if (t) tested.push(t);
      }
  }
  const adjusted = holm(tested.map((t) => t.p));
  const findings = tested
    .map((t, i) => ({ t, adjusted: adjusted[i]! }))
    .filter(({ t }) => t.rate < t.officeRate)
    .map(({ t, adjusted: p }) => finding(t, p, office))
    .sort((a, b) => Number(b.significant) - Number(a.significant) || b.lost.rub - a.lost.rub || a.pValue - b.pValue);
  return { tested: tested.length, findings };
}

/**
 * How much honest people of this office differ, relative to the rarer outcome's rate (the daily
 * rate for `calls`): the median over all stages
 * of each stage's spread between people. One stage's few people can look alike by chance; seven
 * stages together are steadier, and one weak person's stage cannot move the median much.
 */
export function officeSpread(people: readonly FinderPerson[]): number {
  const relative: number[] = [];
  for (const role of ROLES) {
    const ofRole = people.filter((p) => p.role === role);
    if (ofRole.length < 3) continue;
    for (const stage of stagesOf(role)) {
      if (stage === 'calls') {
        const s = countSpread(ofRole.map((o) => ({ k: o.bag['calls.success'] ?? 0, days: o.days })));
        if (s.lambda > 0) relative.push(Math.sqrt(s.tau2) / s.lambda);
      } else {
        const s = rateSpread(ofRole.map((o) => stageOf(stage, o.bag, o.days)).map((v) => ({ k: v.numerator, n: v.denominator })));
        if (s.p > 0 && s.p < 1) relative.push(Math.sqrt(s.tau2) / Math.min(s.p, 1 - s.p));
      }
    }
  }
  return median(relative) ?? 0;
}

/**
 * The spread between people a test assumes: the office's (`typical`, already in the stage's units),
 * unless the stage's own people differ more, up to MAX_OWN_SPREAD times the office's.
 */
function between(own: number, typical: number): number {
  return Math.min(Math.max(own, typical ** 2), (MAX_OWN_SPREAD * typical) ** 2);
}

function test(stage: FunnelStage, person: FinderPerson, ofRole: readonly FinderPerson[], floor: number): Tested | null {
  const others = ofRole.filter((o) => o.employeeId !== person.employeeId);
  if (others.length < 2) return null;
  if (stage === 'calls') {
    const k = person.bag['calls.success'] ?? 0;
    const days = person.days;
    const spread = countSpread(others.map((o) => ({ k: o.bag['calls.success'] ?? 0, days: o.days })));
    const expected = spread.lambda * days;
    if (days < MIN_DAYS || expected < MIN_EXPECTED) return null;
    const tau2 = between(spread.tau2, floor * spread.lambda);
    const p = k / days < spread.lambda ? countLowerTail(k, days, spread.lambda, tau2) : 1;
    return { person, stage, k, n: days, rate: k / days, officeRate: spread.lambda, expected, p };
  }
  const mine = stageOf(stage, person.bag, person.days);
  const spread = rateSpread(others.map((o) => stageOf(stage, o.bag, o.days)).map((v) => ({ k: v.numerator, n: v.denominator })));
  const k = Math.min(mine.numerator, mine.denominator);
  const n = mine.denominator;
  const expected = spread.p * n;
  if (n < MIN_TRIALS || expected < MIN_EXPECTED) return null;
  const tau2 = between(spread.tau2, floor * Math.min(spread.p, 1 - spread.p));
  const p = k / n < spread.p ? rateLowerTail(k, n, spread.p, tau2) : 1;
  return { person, stage, k: mine.numerator, n, rate: k / n, officeRate: spread.p, expected, p };
}

/**
 * The successful calls a person missed. For `calls`, the part their success rate explains (calls
 * made at the office's success rate would have given it) is `call.success`'s to count, not counted
 * twice: `calls` keeps only what too few calls cost.
 */
function missing(t: Tested, office: FinderOffice): number {
  const short = Math.max(0, t.expected - t.k);
  if (t.stage !== 'calls') return short;
  const success = stageOf('call.success', office.bag, 0).rate ?? 0;
  return Math.max(0, short - Math.max(0, (t.person.bag.calls ?? 0) * success - t.k));
}

function finding(t: Tested, pValue: number, office: FinderOffice): WeakLinkFinding {
  const lost = lostValue(t.stage, missing(t, office), office);
  return {
    stage: t.stage,
    employeeId: t.person.employeeId,
    teamId: t.person.teamId,
    rate: t.rate,
    officeRate: t.officeRate,
    numerator: t.k,
    denominator: t.n,
    pValue,
    significant: pValue < ALPHA,
    lost,
    reasonCode: `weak_link.${t.stage}`,
    params: {
      name: t.person.name,
      numerator: t.k,
      denominator: t.n,
      rate: t.rate,
      officeRate: t.officeRate,
      clients: lost.clients,
      amount: lost.rub,
      currency: office.currency,
      points: lost.points,
      period: office.periodKey,
    },
  };
}

/**
 * What a shortfall of `missing` at a stage costs downstream, at the office's later-stage rates: the
 * clients it would have led to, what they pay over their life (LTV), and the points the chain would
 * have earned on the way under the rules in effect. A retention shortfall is clients who stopped
 * paying: they cost what a client pays after its first payment.
 */
export function lostValue(stage: FunnelStage, missing: number, office: FinderOffice): LostValue {
  const r = office.rules;
  const perThousand = office.avgFirstPayment / 1000;
  if (stage === 'retention') {
    return {
      clients: round1(missing),
      rub: Math.round(missing * Math.max(0, office.avgLtv - office.avgFirstPayment)),
      points: Math.round(missing * r.account.paymentPerThousand * perThousand),
    };
  }
  const pointsAt: Record<ChainStage, number> = {
    'call.success': r.telemarketer.successfulCall,
    need: r.telemarketer.needIdentified,
    'meeting.set': r.telemarketer.meetingScheduled,
    'meeting.held': r.sales.meetingHeld,
    contract:
      r.sales.contractSigned +
      r.telemarketer.firstPaymentBonus +
      r.sales.firstPaymentPerThousand * perThousand +
      r.account.paymentPerThousand * r.account.newClientMultiplier * perThousand,
  };
  // `calls` loses successful calls, as `call.success` does.
  const from = stage === 'calls' ? 'call.success' : stage;
  let level = Math.max(
    0,
    CHAIN.findIndex((s) => s === from),
  );
  let amount = missing;
  let points = amount * pointsAt[CHAIN[level]!];
  while (level < CHAIN.length - 1) {
    level++;
    amount *= stageOf(CHAIN[level]!, office.bag, 0).rate ?? 0;
    points += amount * pointsAt[CHAIN[level]!];
  }
  return { clients: round1(amount), rub: Math.round(amount * office.avgLtv), points: Math.round(points) };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
