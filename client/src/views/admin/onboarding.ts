/** Raised on `window` by a console page that did one of the first day's steps, so the checklist asks again. */
export const ONBOARDING_CHANGED = 'conveyor:onboarding-changed';
