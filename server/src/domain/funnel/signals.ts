import type { AnalyticsParams, FairPlaySignal, SignalKind } from '@conveyor/shared';
import { holm, rateSpread, rateUpperTail } from './stats.js';

/** A call this many seconds over the success line or less is "just over it". */
export const NEAR_THRESHOLD_SEC = 3;
/** Events of one person this close after their previous one are a burst. */
export const BURST_SEC = 3;
/** An event received this long after it happened is backdated. */
export const BACKDATED_HOURS = 24;

/** One person's period, as the signals count it. */
export interface SignalPerson {
  employeeId: string;
  name: string;
  teamId: string | null;
  events: number;
  successfulCalls: number;
  /** Successful calls no longer than the line + NEAR_THRESHOLD_SEC. */
  nearThreshold: number;
  /** Events within BURST_SEC of the person's previous event. */
  burst: number;
  backdated: number;
  /** Events with no CRM or telephony source. */
  selfReported: number;
  voided: number;
}

/** A signal needs a corrected one-sided p-value under this, at least this many events behind it, and twice the office's share. */
const ALPHA = 0.01;
const MIN_COUNT = 5;
const MIN_RATIO = 2;
/** People's shares differ at least this much relative to the rarer outcome, as for the finder. */
const MIN_RELATIVE_SPREAD = 0.25;

const KINDS: readonly { kind: SignalKind; k: (p: SignalPerson) => number; n: (p: SignalPerson) => number }[] = [
  { kind: 'calls.near_threshold', k: (p) => p.nearThreshold, n: (p) => p.successfulCalls },
  { kind: 'burst', k: (p) => p.burst, n: (p) => p.events },
  { kind: 'backdated', k: (p) => p.backdated, n: (p) => p.events },
  { kind: 'self_reported', k: (p) => p.selfReported, n: (p) => p.events },
  { kind: 'voids', k: (p) => p.voided, n: (p) => p.events },
];

/**
 * Fair-play signals: for each kind, each person whose share is far above the rest of the office's
 * (beta-binomial upper tail, Holm over every person and kind tested, at least twice the office's
 * share and MIN_COUNT events). A question for a manager, never a penalty.
 */
export function fairPlaySignals(people: readonly SignalPerson[], successLineSec: number, periodKey: string): FairPlaySignal[] {
  const tests: { person: SignalPerson; kind: SignalKind; k: number; n: number; officeValue: number; p: number }[] = [];
  for (const { kind, k, n } of KINDS) {
    for (const person of people) {
      const others = people.filter((o) => o.employeeId !== person.employeeId).map((o) => ({ k: k(o), n: n(o) }));
      const spread = rateSpread(others);
      const mine = { k: k(person), n: n(person) };
      if (mine.n === 0 || others.every((o) => o.n === 0)) continue;
      const share = mine.k / mine.n;
      const floor = MIN_RELATIVE_SPREAD * Math.min(spread.p, 1 - spread.p);
      const p =
        mine.k >= MIN_COUNT && share >= MIN_RATIO * spread.p && share > 0
          ? rateUpperTail(
              mine.k,
              mine.n,
              Math.max(spread.p, 1 / (others.reduce((s, o) => s + o.n, 0) + 1)),
              Math.max(spread.tau2, floor ** 2),
            )
          : 1;
      tests.push({ person, kind, ...mine, officeValue: spread.p, p });
    }
  }
  const adjusted = holm(tests.map((t) => t.p));
  return tests
    .filter((_, i) => adjusted[i]! < ALPHA)
    .map((t) => ({
      kind: t.kind,
      employeeId: t.person.employeeId,
      teamId: t.person.teamId,
      value: t.k / t.n,
      officeValue: t.officeValue,
      reasonCode: `signal.${t.kind}` as const,
      params: params(t.kind, t.person.name, t.k, t.n, t.officeValue, successLineSec, periodKey),
    }))
    .sort((a, b) => b.value / Math.max(b.officeValue, 1e-9) - a.value / Math.max(a.officeValue, 1e-9));
}

function params(
  kind: SignalKind,
  name: string,
  count: number,
  of: number,
  officeValue: number,
  line: number,
  period: string,
): AnalyticsParams {
  const base = { name, count, of, value: count / of, officeValue, period };
  switch (kind) {
    case 'calls.near_threshold':
      return { ...base, minSec: line, maxSec: line + NEAR_THRESHOLD_SEC };
    case 'burst':
      return { ...base, seconds: BURST_SEC };
    case 'backdated':
      return { ...base, hours: BACKDATED_HOURS };
    default:
      return base;
  }
}

/** Counts one person's signals from their events of the period, in `occurredAt` order. */
export function signalPerson(
  who: { employeeId: string; name: string; teamId: string | null },
  events: readonly {
    type: string;
    occurredAt: string;
    receivedAt: string;
    voided: boolean;
    source: string | null;
    durationSec: number | null;
  }[],
  successLineSec: number,
): SignalPerson {
  const person: SignalPerson = {
    ...who,
    events: 0,
    successfulCalls: 0,
    nearThreshold: 0,
    burst: 0,
    backdated: 0,
    selfReported: 0,
    voided: 0,
  };
  let previous = -Infinity;
  for (const e of events) {
    const at = Date.parse(e.occurredAt);
    person.events++;
    if (at - previous <= BURST_SEC * 1000) person.burst++;
    previous = at;
    if (Date.parse(e.receivedAt) - at > BACKDATED_HOURS * 3_600_000) person.backdated++;
    if (e.source === null || e.source === 'manual') person.selfReported++;
    if (e.voided) person.voided++;
    if (e.type === 'call' && e.durationSec !== null && e.durationSec >= successLineSec) {
      person.successfulCalls++;
      if (e.durationSec <= successLineSec + NEAR_THRESHOLD_SEC) person.nearThreshold++;
    }
  }
  return person;
}
