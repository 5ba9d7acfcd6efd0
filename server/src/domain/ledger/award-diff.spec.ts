import { describe, expect, it } from 'vitest';
import type { AwardDraft } from '../scoring/scoring.js';
import { diffAwards, type StandingAward } from './award-diff.js';

const draft = (over: Partial<AwardDraft> = {}): AwardDraft => ({
  key: 'norm:a:d#telemarketer.daily_norm',
  scopeKey: 'norm:a:d',
  eventId: 'e45',
  rule: 'telemarketer.daily_norm',
  ruleVersion: 1,
  employeeId: 'a',
  teamId: 't',
  points: 10,
  reason: 'A: norm, +10',
  reasonCode: 'telemarketer.daily_norm',
  params: { calls: 45 },
  occurredAt: '2026-11-20T10:00:00.000Z',
  ...over,
});
const standing = (over: Partial<AwardDraft> = {}, entryId = 7): StandingAward => {
  const { key, scopeKey, eventId, rule, ruleVersion, employeeId, teamId, points, reason, reasonCode, params, occurredAt } = draft(over);
  return { entryId, key, scopeKey, eventId, rule, ruleVersion, employeeId, teamId, points, reason, reasonCode, params, occurredAt };
};

describe('diffAwards', () => {
  it('writes nothing when the ledger already holds what the rules want (a retry, a re-score)', () => {
    expect(diffAwards([draft()], [standing()])).toEqual({ reverse: [], add: [] });
    expect(diffAwards([draft({ reason: 'reworded' })], [standing()])).toEqual({ reverse: [], add: [] });
  });

  it('adds new awards and reverses awards no longer wanted (a void)', () => {
    expect(diffAwards([draft()], [])).toEqual({ reverse: [], add: [draft()] });
    expect(diffAwards([], [standing()])).toEqual({ reverse: [standing()], add: [] });
  });

  it('moves an award that now belongs to another event or team: reverse, then add', () => {
    const moved = draft({ eventId: 'e44', occurredAt: '2026-11-20T09:00:00.000Z' });
    expect(diffAwards([moved], [standing()])).toEqual({ reverse: [standing()], add: [moved] });
    const otherTeam = draft({ teamId: 'u' });
    expect(diffAwards([otherTeam], [standing()])).toEqual({ reverse: [standing()], add: [otherTeam] });
  });
});
