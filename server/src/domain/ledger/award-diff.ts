import type { AwardDraft, AwardFields } from '../scoring/scoring.js';

/** An award that currently stands in the ledger (its latest entry, not reversed). */
export interface StandingAward extends AwardFields {
  entryId: number;
}

/** What to append so that the ledger holds exactly the desired awards of a scope. */
export interface AwardDiff {
  reverse: StandingAward[];
  add: AwardDraft[];
}

/**
 * Compares the awards a scope should have with those standing. An award that changed in any way that
 * counts (points, who, which team, which event, when) is reversed and written anew; the ledger stays
 * append-only and always sums to the desired awards.
 */
export function diffAwards(desired: readonly AwardDraft[], standing: readonly StandingAward[]): AwardDiff {
  const byKey = new Map(standing.map((a) => [a.key, a]));
  const reverse: StandingAward[] = [];
  const add: AwardDraft[] = [];
  for (const want of desired) {
    const have = byKey.get(want.key);
    byKey.delete(want.key);
    if (have && same(have, want)) continue;
    if (have) reverse.push(have);
    add.push(want);
  }
  reverse.push(...byKey.values());
  return { reverse, add };
}

function same(a: StandingAward, b: AwardDraft): boolean {
  return (
    a.points === b.points &&
    a.employeeId === b.employeeId &&
    a.teamId === b.teamId &&
    a.eventId === b.eventId &&
    a.occurredAt === b.occurredAt &&
    a.rule === b.rule &&
    a.ruleVersion === b.ruleVersion
  );
}
