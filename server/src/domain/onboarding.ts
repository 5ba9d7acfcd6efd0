import type { OnboardingStatus } from '@conveyor/shared';

/** What the office has, counted, for the first day's checklist. */
export interface OfficeCounts {
  employees: number;
  triads: number;
  integrations: number;
  integrationTokens: number;
  displayTokens: number;
  invites: number;
  employeeSessions: number;
}

/**
 * The first day's steps and whether each is done: people added, triads made, a CRM or telephony
 * connected (a connection or an integration token), a screen token made (or used), people invited
 * (an invite issued or a phone signed in).
 */
export function onboardingStatus(c: OfficeCounts): OnboardingStatus {
  const steps: OnboardingStatus['steps'] = [
    { step: 'people', done: c.employees > 0, count: c.employees },
    { step: 'triads', done: c.triads > 0, count: c.triads },
    { step: 'integration', done: c.integrations + c.integrationTokens > 0, count: c.integrations + c.integrationTokens },
    { step: 'tv', done: c.displayTokens > 0, count: c.displayTokens },
    { step: 'invites', done: c.invites + c.employeeSessions > 0, count: c.invites },
  ];
  return { steps, done: steps.every((s) => s.done) };
}
