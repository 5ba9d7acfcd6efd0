import type { ActivityEvent } from '@conveyor/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLedger } from './memory-ledger.js';
import { arrivalsArb, awardLine, ctx, eventArb, historyArb, oracleAwards, oracleTotals, withId } from './random-office.testing.js';

// The office, its random histories and the oracle are in random-office.testing.ts, shared with the
// medium tier (modules/ledger/write-path.medium.spec.ts), which holds the real write path to them.

const RUNS = 1000;
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

/**
 * The ledger agrees with the oracle: its running totals, period by period and summed per person and
 * per team, and the awards it holds (which event earned what, for whom).
 */
function expectOracle(ledger: MemoryLedger, survivors: readonly ActivityEvent[]): void {
  const oracle = oracleTotals(survivors);
  expect(perSubject(ledger.totals())).toEqual(perSubject(oracle));
  expect(ledger.totals()).toEqual(oracle);
  expect(standingIn(ledger)).toEqual(oracleAwards(survivors));
}

async function inOrder(history: readonly ActivityEvent[]): Promise<MemoryLedger> {
  const ledger = new MemoryLedger(ctx);
  for (const event of [...history].sort((a, b) =>
    a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : 1,
  ))
    await ledger.ingest([event]);
  return ledger;
}

// A thousand histories per property, each scored again from scratch by the oracle: seconds, more on a busy machine.
describe('ledger properties (random histories)', { timeout: 60_000 }, () => {
  it('any arrival order, in batches, with retries, ends in the totals of in-order arrival and of scoring from scratch', async () => {
    await fc.assert(
      fc.asyncProperty(arrivalsArb, async ({ history, batches }) => {
        const reference = await inOrder(history);
        const ledger = new MemoryLedger(ctx);
        for (const batch of batches) await ledger.ingest(batch);
        expect(ledger.totals()).toEqual(reference.totals());
        expect(ledger.totals()).toEqual(ledger.replayTotals());
        expectOracle(ledger, history);
      }),
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
        const event = withId('late', extra);
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
