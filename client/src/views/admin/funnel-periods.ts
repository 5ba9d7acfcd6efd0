import type { PeriodKind } from '@conveyor/shared';

// The funnel page's period picker works on period keys (`2026-11`, `2026-Q4`, `2026`): the server
// says which month is the office's current one, and every other choice is counted back from it,
// so the picker needs no clock and no time zone of its own.

const pad = (n: number): string => String(n).padStart(2, '0');

/** The first day of a period, `YYYY-MM-DD`: what `?at=` is given to ask for it. */
export function periodStart(key: string): string {
  const year = key.slice(0, 4);
  if (/^\d{4}-Q[1-4]$/.test(key)) return `${year}-${pad((Number(key.slice(-1)) - 1) * 3 + 1)}-01`;
  if (/^\d{4}-\d{2}$/.test(key)) return `${key}-01`;
  return `${year}-01-01`;
}

/** The key of the period of `kind` that holds the first day of `key` (`2026-11` as a quarter: `2026-Q4`). */
export function periodOf(kind: PeriodKind, key: string): string {
  const start = periodStart(key);
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  switch (kind) {
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return year;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** How many periods of each kind the picker offers, the current one first. */
export const PICKER_LENGTH: Record<PeriodKind, number> = { month: 13, quarter: 8, year: 4 };

/** The periods of `kind` to pick from, newest first, from the one holding `currentMonth` back. */
export function recentPeriods(kind: PeriodKind, currentMonth: string, count = PICKER_LENGTH[kind]): string[] {
  const year = Number(currentMonth.slice(0, 4));
  const month = Number(currentMonth.slice(5, 7));
  return Array.from({ length: count }, (_, i) => {
    switch (kind) {
      case 'month': {
        const index = year * 12 + (month - 1) - i;
        return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
      }
      case 'quarter': {
        const index = year * 4 + Math.floor((month - 1) / 3) - i;
        return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
      }
      case 'year':
        return String(year - i);
      default: {
        const never: never = kind;
        return never;
      }
    }
  });
}
