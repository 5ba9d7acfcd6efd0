import { locale } from '../../../lib/i18n/i18n.js';

/** The twelve months' names in the UI language, as a month stands alone («ноябрь», "November"). */
export function monthNames(): string[] {
  const format = new Intl.DateTimeFormat(locale(), { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(Date.UTC(2026, i, 1)));
}

/** Years a picker offers: `before` years back to `after` years on from `around`. */
export const yearsAround = (around: number, before: number, after: number): number[] =>
  Array.from({ length: before + after + 1 }, (_, i) => around - before + i);
