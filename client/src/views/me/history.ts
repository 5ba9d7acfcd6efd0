import type { MeHistory, MeHistoryCount, MeHistoryDay, MeSummary } from '@conveyor/shared';

/** `YYYY-MM-DD` of an instant in a zone (the browser's when none is known). */
export function dateIn(epochMs: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(epochMs);
}

/** The calendar day before a date (calendar arithmetic: a day of 23 or 25 hours is still one day). */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** How a day's heading names it: today, yesterday, or its date (with the year when it is another year). */
export type DayName = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'date'; date: string; withYear: boolean };

export function dayName(date: string, now: number, timeZone: string | undefined): DayName {
  const today = dateIn(now, timeZone);
  if (date === today) return { kind: 'today' };
  if (date === dayBefore(today)) return { kind: 'yesterday' };
  return { kind: 'date', date, withYear: date.slice(0, 4) !== today.slice(0, 4) };
}

/** `25 ноября`, `25 ноября 2025 г.`: an office date as words (it is a date, not an instant: no zone shift). */
export function formatDay(date: string, locale: string, withYear: boolean): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, d),
  );
}

/** A day's counts in words, most first: «12 звонков, 1 встреча». */
export function countsText(counts: readonly MeHistoryCount[], say: (count: MeHistoryCount) => string): string {
  return counts.map(say).join(', ');
}

/**
 * A fresh first page laid over what is shown: its days replace the same and newer ones, days loaded
 * further back stay (with the older cursor), so a live refresh never folds the list back up.
 */
export function mergeHistory(shown: MeHistory | null, fresh: MeHistory): MeHistory {
  if (!shown || fresh.days.length === 0) return fresh;
  const oldest = fresh.days.at(-1)!.date;
  const older: MeHistoryDay[] = shown.days.filter((d) => d.date < oldest);
  if (older.length === 0) return fresh;
  return { days: [...fresh.days, ...older], before: shown.before };
}

// ---- the last numbers seen, for a phone without a network ----

const KEY = 'conveyor.me.lastKnown';

/** What the phone shows when the server cannot be reached: the last numbers and when they were read. */
export interface LastKnown {
  savedAt: number;
  timeZone: string | null;
  locale: 'ru' | 'en' | null;
  me: MeSummary;
  history: MeHistory | null;
}

export function saveLastKnown(value: LastKnown, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(value));
  } catch {
    // A full or disabled storage only means no numbers offline.
  }
}

export function readLastKnown(storage: Storage = localStorage): LastKnown | null {
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<LastKnown> | null;
    return value && typeof value.savedAt === 'number' && value.me?.employee ? (value as LastKnown) : null;
  } catch {
    return null;
  }
}

/** Signing out (a shared phone) forgets them. */
export function forgetLastKnown(storage: Storage = localStorage): void {
  try {
    storage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}
