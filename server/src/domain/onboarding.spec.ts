import { describe, expect, it } from 'vitest';
import { onboardingStatus, type OfficeCounts } from './onboarding.js';

const EMPTY: OfficeCounts = {
  employees: 0,
  triads: 0,
  integrations: 0,
  integrationTokens: 0,
  displayTokens: 0,
  invites: 0,
  employeeSessions: 0,
};
const done = (c: Partial<OfficeCounts>): string[] =>
  onboardingStatus({ ...EMPTY, ...c })
    .steps.filter((s) => s.done)
    .map((s) => s.step);

describe('the first day checklist', () => {
  it('has every step to do in an empty office, in order', () => {
    const status = onboardingStatus(EMPTY);
    expect(status.steps.map((s) => s.step)).toEqual(['people', 'triads', 'integration', 'tv', 'invites']);
    expect(status.done).toBe(false);
    expect(done({})).toEqual([]);
  });

  it('counts a connection or an integration token as connected, an invite or a signed-in phone as invited', () => {
    expect(done({ integrations: 1 })).toEqual(['integration']);
    expect(done({ integrationTokens: 1 })).toEqual(['integration']);
    expect(done({ invites: 2 })).toEqual(['invites']);
    expect(done({ employeeSessions: 1 })).toEqual(['invites']);
  });

  it('is done when every step is', () => {
    const all = { employees: 3, triads: 1, integrations: 1, displayTokens: 1, invites: 3 };
    expect(onboardingStatus({ ...EMPTY, ...all }).done).toBe(true);
    expect(onboardingStatus({ ...EMPTY, ...all, triads: 0 }).done).toBe(false);
  });
});
