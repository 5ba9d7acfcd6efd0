import type { OfficeCalendar } from '@conveyor/shared';
import { formatDate, parseLocalDate } from '../periods/zoned-time.js';

/**
 * The Russian production calendar (Government decree of 24 September 2025 No. 1466 for 2026): the
 * weekdays that are days off. No Saturday is a working day in 2026. Other years are the office's to
 * add (a decree comes out each autumn for the next year).
 */
export const RU_HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-01-02',
  '2026-01-05',
  '2026-01-06',
  '2026-01-07',
  '2026-01-08',
  '2026-01-09',
  '2026-02-23',
  '2026-03-09',
  '2026-05-01',
  '2026-05-11',
  '2026-06-12',
  '2026-11-04',
  '2026-12-31',
] as const;

/** The office calendar a new office starts with: Monday to Friday, with the Russian production calendar's days off. */
export const DEFAULT_CALENDAR: OfficeCalendar = { weekdays: [1, 2, 3, 4, 5], holidays: [...RU_HOLIDAYS_2026], workdays: [] };

/** Monday to Friday and no holidays: what an office without a national calendar picks. */
export const PLAIN_CALENDAR: OfficeCalendar = { weekdays: [1, 2, 3, 4, 5], holidays: [], workdays: [] };

/** The working dates from `first` to `last` (local dates, both included), in order; none when `last` is before `first`. */
export function workingDates(first: string, last: string, calendar: OfficeCalendar): string[] {
  const holidays = new Set(calendar.holidays);
  const workdays = new Set(calendar.workdays);
  const weekdays = new Set(calendar.weekdays);
  const a = parseLocalDate(first);
  const b = parseLocalDate(last);
  const out: string[] = [];
  for (let t = Date.UTC(a.year, a.month - 1, a.day); t <= Date.UTC(b.year, b.month - 1, b.day); t += 86_400_000) {
    const d = new Date(t);
    const date = formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    if (workdays.has(date) || (!holidays.has(date) && weekdays.has(weekday))) out.push(date);
  }
  return out;
}

export function workingDaysBetween(first: string, last: string, calendar: OfficeCalendar): number {
  return workingDates(first, last, calendar).length;
}

export function isWorkingDay(date: string, calendar: OfficeCalendar): boolean {
  return workingDates(date, date, calendar).length === 1;
}
