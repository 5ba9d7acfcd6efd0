// Test support (not built into dist): a small office, random histories of its events, and the
// oracle every ledger is held against. Used by the in-memory property tests and by the medium tier
// that drives the real write path on SQLite.
import type { ActivityEvent, Role } from '@conveyor/shared';
import fc from 'fast-check';
import { memberAt, teamAt, type MembershipRow } from '../org/membership-plan.js';
import { periodKeysOf } from '../periods/periods.js';
import type { AwardFields, ScoringContext } from '../scoring/award.js';
import { DEFAULT_RULES, type RuleSet } from '../scoring/rule-set.js';
import { replayAwards } from './rescore.js';

/** Two triads, one person moving between them in March. */
export const people: Record<string, { name: string; role: Role }> = {
  t1: { name: 'T1', role: 'telemarketer' },
  t2: { name: 'T2', role: 'telemarketer' },
  s1: { name: 'S1', role: 'sales' },
  s2: { name: 'S2', role: 'sales' },
  a1: { name: 'A1', role: 'account' },
  a2: { name: 'A2', role: 'account' },
};

export const stints: MembershipRow[] = [
  {
    id: 1,
    teamId: 'x',
    employeeId: 't1',
    role: 'telemarketer',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2026-03-01T00:00:00.000Z',
  },
  { id: 2, teamId: 'y', employeeId: 't1', role: 'telemarketer', validFrom: '2026-03-01T00:00:00.000Z', validTo: null },
  { id: 3, teamId: 'x', employeeId: 's1', role: 'sales', validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
  { id: 4, teamId: 'x', employeeId: 'a1', role: 'account', validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
  { id: 5, teamId: 'y', employeeId: 's2', role: 'sales', validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
  { id: 6, teamId: 'y', employeeId: 'a2', role: 'account', validFrom: '2026-01-01T00:00:00.000Z', validTo: null },
];

/** The daily norm is 3 calls and the retention threshold 100,000, so random histories cross them often. */
export const rules: RuleSet = {
  ...DEFAULT_RULES,
  telemarketer: { ...DEFAULT_RULES.telemarketer, dailyNorm: 3 },
  account: { ...DEFAULT_RULES.account, retentionThreshold: 100_000 },
};

export const ctx: ScoringContext = {
  rulesAt: () => rules,
  timeZone: 'Europe/Moscow',
  employee: (id) => (people[id] ? { id, ...people[id] } : undefined),
  teamAt: (id, at) => teamAt(stints, id, at),
  memberAt: (team, role, at) => memberAt(stints, team, role, at),
  teamName: (id) => id,
};

const start = Date.parse('2026-01-01T00:00:00Z');
const instant = fc.integer({ min: 0, max: 6 * 30 * 24 * 60 }).map((minutes) => new Date(start + minutes * 60_000).toISOString());
// Calls bunch on a few days so the norm is reached; ties of occurredAt happen on purpose.
const callInstant = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }))
  .map(([day, slot]) => new Date(start + (40 + day * 31) * 86_400_000 + slot * 3_600_000).toISOString());
const who = (role?: Role) => fc.constantFrom(...Object.keys(people).filter((id) => !role || people[id]!.role === role));
const client = fc.constantFrom('c1', 'c2');

/** One event of the office, without its id. */
export const eventArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('call' as const),
      occurredAt: callInstant,
      employeeId: who(),
      durationSec: fc.integer({ min: 0, max: 90 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('email.general' as const), occurredAt: instant, employeeId: who('telemarketer') }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { type: fc.constant('meeting.scheduled' as const), occurredAt: instant, employeeId: who('telemarketer'), clientId: client },
      { requiredKeys: ['type', 'occurredAt', 'employeeId', 'clientId'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constantFrom('meeting.held' as const, 'contract.signed' as const),
      occurredAt: instant,
      employeeId: who(),
      clientId: client,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('client.handed_over' as const),
      occurredAt: instant,
      employeeId: who('sales'),
      clientId: client,
      toEmployeeId: fc.option(who('account'), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('client.churned' as const),
      occurredAt: instant,
      employeeId: who('account'),
      clientId: client,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('payment.received' as const),
      occurredAt: instant,
      clientId: client,
      amount: fc.integer({ min: 1, max: 9_000_000 }).map((c) => c / 100),
    }),
  },
);

/** An event with its id, as the parser normalizes it (no undefined fields). */
export function withId(id: string, event: object): ActivityEvent {
  return JSON.parse(JSON.stringify({ id, ...event })) as ActivityEvent;
}

/** A history: events with unique ids. */
export const historyArb = fc
  .array(eventArb, { minLength: 1, maxLength: 40 })
  .map((list) => list.map((e, i) => withId(`e${String(i).padStart(2, '0')}`, e)));

/**
 * A history and how it arrives: shuffled, with some events sent again, cut into batches of random
 * sizes, plus some of its events to void afterwards.
 */
export const arrivalsArb = historyArb.chain((h) =>
  fc
    .tuple(
      fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }),
      fc.array(fc.nat({ max: h.length - 1 }), { maxLength: 8 }),
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 10 }),
      fc.array(fc.nat({ max: h.length - 1 }), { maxLength: 4 }),
    )
    .map(([shuffled, retries, sizes, voids]) => {
      const sent = [...shuffled, ...retries.map((i) => shuffled[i]!)];
      const batches: ActivityEvent[][] = [];
      for (let i = 0, b = 0; i < sent.length; b++) {
        const size = sizes[b % sizes.length]!;
        batches.push(sent.slice(i, i + size));
        i += size;
      }
      return { history: h, batches, voids: [...new Set(voids.map((v) => h[v]!.id))] };
    }),
);

/**
 * The oracle, independent of any ledger's state: the surviving events scored from scratch with the
 * pure scoring, summed per person and per team in each office-time month, quarter and year, keyed
 * `period|key|subject type|id`, zeros left out, sorted by key.
 */
export function oracleTotals(survivors: readonly ActivityEvent[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const award of replayAwards(survivors, ctx)) {
    const keys = periodKeysOf(new Date(award.occurredAt), ctx.timeZone);
    for (const period of ['month', 'quarter', 'year'] as const)
      for (const [type, id] of [
        ['employee', award.employeeId],
        ['team', award.teamId],
      ] as const) {
        if (id === null) continue;
        const key = `${period}|${keys[period]}|${type}|${id}`;
        sums.set(key, (sums.get(key) ?? 0) + award.points);
      }
  }
  return sortedNonZero(sums);
}

/** The awards scoring the survivors from scratch gives, as comparable lines. */
export function oracleAwards(survivors: readonly ActivityEvent[]): string[] {
  return replayAwards(survivors, ctx).map(awardLine).sort();
}

export const awardLine = (a: Pick<AwardFields, 'key' | 'eventId' | 'employeeId' | 'teamId' | 'points'>): string =>
  `${a.key} ${a.eventId} ${a.employeeId} ${a.teamId} ${a.points}`;

export function sortedNonZero(totals: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...totals].filter(([, points]) => points !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
