import type { ActivityEvent, Role } from '@conveyor/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberAt, teamAt, type MembershipRow } from '../org/membership-plan.js';
import { periodKeysOf } from '../periods/periods.js';
import { DEFAULT_RULES, type RuleSet } from '../scoring/rule-set.js';
import type { AwardFields, ScoringContext } from '../scoring/scoring.js';
import { MemoryLedger } from './memory-ledger.js';
import { replayAwards } from './rescore.js';

// A small office: two triads, one person moving between them in March. The daily norm is 3 calls
// and the retention threshold 100,000, so random histories cross them often.
const people: Record<string, { name: string; role: Role }> = {
  t1: { name: 'T1', role: 'telemarketer' },
  t2: { name: 'T2', role: 'telemarketer' },
  s1: { name: 'S1', role: 'sales' },
  s2: { name: 'S2', role: 'sales' },
  a1: { name: 'A1', role: 'account' },
  a2: { name: 'A2', role: 'account' },
};
const stints: MembershipRow[] = [
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
const rules: RuleSet = {
  ...DEFAULT_RULES,
  telemarketer: { ...DEFAULT_RULES.telemarketer, dailyNorm: 3 },
  account: { ...DEFAULT_RULES.account, retentionThreshold: 100_000 },
};
const ctx: ScoringContext = {
  rulesAt: () => rules,
  timeZone: 'Europe/Moscow',
  employee: (id) => (people[id] ? { id, ...people[id] } : undefined),
  teamAt: (id, at) => teamAt(stints, id, at),
  memberAt: (team, role, at) => memberAt(stints, team, role, at),
  teamName: (id) => id,
};

const RUNS = 1000;
const start = Date.parse('2026-01-01T00:00:00Z');
const instant = fc.integer({ min: 0, max: 6 * 30 * 24 * 60 }).map((minutes) => new Date(start + minutes * 60_000).toISOString());
// Calls bunch on a few days so the norm is reached; ties of occurredAt happen on purpose.
const callInstant = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 }))
  .map(([day, slot]) => new Date(start + (40 + day * 31) * 86_400_000 + slot * 3_600_000).toISOString());
const who = (role?: Role) => fc.constantFrom(...Object.keys(people).filter((id) => !role || people[id]!.role === role));
const client = fc.constantFrom('c1', 'c2');

const eventArb = fc.oneof(
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

/** A history: events with unique ids, without undefined fields (as the parser normalizes them). */
const historyArb = fc
  .array(eventArb, { minLength: 1, maxLength: 40 })
  .map((list) => list.map((e, i) => JSON.parse(JSON.stringify({ id: `e${String(i).padStart(2, '0')}`, ...e })) as ActivityEvent));

/**
 * The oracle, independent of any ledger's state: the surviving events scored from scratch with the
 * pure scoring, summed per person and per team in each office-time month, quarter and year, keyed
 * as `MemoryLedger.totals()` keys its running totals (`period|key|subject type|id`).
 */
function oracleTotals(survivors: readonly ActivityEvent[]): Map<string, number> {
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
  return new Map([...sums].filter(([, points]) => points !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Year totals per person and per team (`employee|t1`, `team|x`): each subject's whole history. */
function perSubject(totals: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, points] of totals) {
    const [period, , type, id] = key.split('|');
    if (period === 'year') out[`${type}|${id}`] = (out[`${type}|${id}`] ?? 0) + points;
  }
  return out;
}

/** The awards standing in a ledger: entries that are not reversals and have not been reversed. */
function standingIn(ledger: MemoryLedger): string[] {
  const reversed = new Set(ledger.entries.flatMap((e) => (e.reverses ? [e.reverses.entryId] : [])));
  return ledger.entries
    .filter((e) => !e.reverses && !reversed.has(e.id))
    .map(awardLine)
    .sort();
}

const awardLine = (a: AwardFields): string => `${a.key} ${a.eventId} ${a.employeeId} ${a.teamId} ${a.points}`;

/**
 * The ledger agrees with the oracle: its running totals, period by period and summed per person and
 * per team, and the awards it holds (which event earned what, for whom).
 */
function expectOracle(ledger: MemoryLedger, survivors: readonly ActivityEvent[]): void {
  const oracle = oracleTotals(survivors);
  expect(perSubject(ledger.totals())).toEqual(perSubject(oracle));
  expect(ledger.totals()).toEqual(oracle);
  expect(standingIn(ledger)).toEqual(replayAwards(survivors, ctx).map(awardLine).sort());
}

async function inOrder(history: readonly ActivityEvent[]): Promise<MemoryLedger> {
  const ledger = new MemoryLedger(ctx);
  for (const event of [...history].sort((a, b) =>
    a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1,
  ))
    await ledger.ingest([event]);
  return ledger;
}

describe('ledger properties (random histories)', () => {
  it('any arrival order, in batches, with retries, ends in the totals of in-order arrival and of scoring from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb.chain((h) =>
          fc.tuple(
            fc.constant(h),
            fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length }),
            fc.array(fc.nat({ max: h.length - 1 }), { maxLength: 8 }),
            fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
          ),
        ),
        async ([history, shuffled, retries, batchSizes]) => {
          const reference = await inOrder(history);
          const ledger = new MemoryLedger(ctx);
          const arrivals = [...shuffled, ...retries.map((i) => shuffled[i]!)];
          for (let i = 0, b = 0; i < arrivals.length; b++) {
            const size = batchSizes[b % batchSizes.length]!;
            await ledger.ingest(arrivals.slice(i, i + size));
            i += size;
          }
          expect(ledger.totals()).toEqual(reference.totals());
          expect(ledger.totals()).toEqual(ledger.replayTotals());
          expectOracle(ledger, history);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('totals rebuilt from the ledger equal the running totals, and both equal scoring the surviving events from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, fc.array(fc.nat(), { maxLength: 5 }), async (history, voids) => {
        const ledger = new MemoryLedger(ctx);
        for (const event of history) await ledger.ingest([event]);
        for (const v of voids) await ledger.void(history[v % history.length]!.id);
        expect(ledger.rebuiltTotals()).toEqual(ledger.totals());
        const voided = new Set(voids.map((v) => history[v % history.length]!.id));
        expectOracle(
          ledger,
          history.filter((e) => !voided.has(e.id)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('a late event then its void: the totals from before, which are those of scoring the history from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, eventArb, async (history, extra) => {
        const ledger = new MemoryLedger(ctx);
        await ledger.ingest(history);
        const before = ledger.totals();
        const event = JSON.parse(JSON.stringify({ id: 'late', ...extra })) as ActivityEvent;
        await ledger.ingest([event]);
        expectOracle(ledger, [...history, event]);
        await ledger.void('late');
        expect(ledger.totals()).toEqual(before);
        expectOracle(ledger, history);
        // The ledger only grew: nothing was rewritten.
        expect(ledger.entries.every((e, i) => e.id === i + 1)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
