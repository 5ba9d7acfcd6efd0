/** The first day's steps, in the order a new office takes them. */
export const ONBOARDING_STEPS = ['people', 'triads', 'integration', 'tv', 'invites'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

/** GET /api/onboarding: each step of the first day and whether it is done, as data. */
export interface OnboardingStatus {
  steps: { step: OnboardingStep; done: boolean; count: number }[];
  /** Every step done. */
  done: boolean;
}
