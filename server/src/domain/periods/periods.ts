import type { PeriodKind, PeriodRange } from '@conveyor/shared';
import { formatDate, localParts, parseLocalDate, zonedToUtc } from './zoned-time.js';

/** Keys of the month, quarter and year an instant falls in, in the office zone. */
export interface PeriodKeys {
  month: string;
  quarter: string;
  year: string;
}

export function periodKeysOf(instant: Date, timeZone: string): PeriodKeys {
  const { year, month } = localParts(instant, timeZone);
  return keysOf(year, month);
}

function keysOf(year: number, month: number): PeriodKeys {
  return {
    month: `${year}-${String(month).padStart(2, '0')}`,
    quarter: `${year}-Q${Math.floor((month - 1) / 3) + 1}`,
    year: String(year),
  };
}

/** The month key after `2026-11` (`2026-12`), after `2026-12` (`2027-01`). */
export function nextMonthKey(monthKey: string): string {
  const [y, m] = monthKey.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The period of a kind that contains a local date. */
export function periodOfDate(kind: PeriodKind, date: string, timeZone: string): PeriodRange {
  const { year, month } = parseLocalDate(date);
  const keys = keysOf(year, month);
  const [firstMonth, months] = bounds(kind, month);
  return {
    period: kind,
    key: keys[kind],
    start: zonedToUtc(year, firstMonth, 1, timeZone).toISOString(),
    end: zonedToUtc(year, firstMonth + months, 1, timeZone).toISOString(),
  };
}

/** The period of a kind that contains an instant. */
export function periodOfInstant(kind: PeriodKind, instant: Date, timeZone: string): PeriodRange {
  const p = localParts(instant, timeZone);
  return periodOfDate(kind, formatDate(p.year, p.month, p.day), timeZone);
}

function bounds(kind: PeriodKind, month: number): [firstMonth: number, months: number] {
  switch (kind) {
    case 'month':
      return [month, 1];
    case 'quarter':
      return [Math.floor((month - 1) / 3) * 3 + 1, 3];
    case 'year':
      return [1, 12];
    default: {
      const never: never = kind;
      throw new Error(`unknown period kind ${String(never)}`);
    }
  }
}

/** The period a key names: `2026` (year), `2026-Q4` (quarter) or `2026-11` (month); null if it names none. */
export function periodOfKey(key: string, timeZone: string): PeriodRange | null {
  const m = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) return periodOfDate('quarter', formatDate(year, (Number(m[2]) - 1) * 3 + 1, 1), timeZone);
  if (m[3]) return periodOfDate('month', formatDate(year, Number(m[3]), 1), timeZone);
  return periodOfDate('year', formatDate(year, 1, 1), timeZone);
}

/** The periods of a kind from the one containing `from` up to and including the one containing `to`. */
export function periodsBetween(kind: PeriodKind, from: Date, to: Date, timeZone: string): PeriodRange[] {
  const out: PeriodRange[] = [];
  for (let p = periodOfInstant(kind, from, timeZone); p.start <= to.toISOString(); p = periodOfInstant(kind, new Date(p.end), timeZone))
    out.push(p);
  return out;
}
