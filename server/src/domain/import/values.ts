import { why, type FieldReason, type FieldReasonCode, type FieldReasonParams } from '@conveyor/shared';
import { zonedToUtc } from '../periods/zoned-time.js';

/** A cell read as a value, or why it cannot be: in English, and as data. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string; why: FieldReason };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(reason: string, code: FieldReasonCode, params?: FieldReasonParams): Read<T> => ({
  ok: false,
  reason,
  why: why(code, params),
});

const DATE_EXAMPLES = 'e.g. 2026-11-03T14:05:00+03:00, 2026-11-03 14:05 or 03.11.2026 14:05';

// 2026-11-03T14:05[:00[.123]][Z|+03:00|+0300] (a space may stand for the T)
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// 03.11.2026 14:05[:00], also 3.11.2026 9:05 and 03/11/2026 (day first, as offices outside the US write it)
const DOTTED = /^(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant each office-local hour starts at, for hours whose 60 minutes are all on one offset. */
const HOURS = new Map<string, number>();

/**
 * The instant an office-local hour starts at, read once per hour: a file has thousands of rows in
 * an hour, and the zone's offset (Intl) is the costly part of a row. An hour a clock change cuts
 * into is not cached; each of its times is converted on its own.
 */
function officeHour(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const key = `${timeZone} ${year} ${month} ${day} ${hour}`;
  const cached = HOURS.get(key);
  if (cached !== undefined) return cached;
  const start = zonedToUtc(year, month, day, timeZone, hour).getTime();
  const end = zonedToUtc(year, month, day, timeZone, hour, 59).getTime();
  if (end - start !== 59 * 60_000) return Number.NaN;
  if (HOURS.size >= 100_000) HOURS.clear();
  HOURS.set(key, start);
  return start;
}

/**
 * When an event happened, as offices write it: ISO-8601 with a zone (kept as it says), or a local
 * date and time without one (`2026-11-03 14:05`, `03.11.2026 14:05`), taken as the office's wall
 * clock. Answers the UTC instant as ISO-8601 with milliseconds.
 */
export function readInstant(text: string, timeZone: string): Read<string> {
  const s = text.trim();
  let year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number;
  let zone: string | undefined;
  const iso = ISO.exec(s);
  const dotted = iso ? null : DOTTED.exec(s);
  if (iso) {
    [year, month, day, hour, minute] = [iso[1], iso[2], iso[3], iso[4], iso[5]].map(Number) as [number, number, number, number, number];
    second = Number(iso[6] ?? 0);
    ms = Number((iso[7] ?? '').padEnd(3, '0').slice(0, 3));
    zone = iso[8];
  } else if (dotted) {
    [day, month, year, hour, minute] = [dotted[1], dotted[2], dotted[3], dotted[4], dotted[5]].map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    second = Number(dotted[6] ?? 0);
    ms = 0;
  } else if (DATE_ONLY.test(s)) {
    return bad(`has no time of day; write the time too, ${DATE_EXAMPLES}`, 'no_time');
  } else {
    return bad(`is not a date and time the import reads (${DATE_EXAMPLES})`, 'not_a_date');
  }
  if (month < 1 || month > 12) return bad(`has month ${month}; ${DATE_EXAMPLES}`, 'no_such_day');
  if (day < 1 || day > daysIn(year, month))
    return bad(`has day ${day}, which ${year}-${String(month).padStart(2, '0')} does not have`, 'no_such_day');
  if (hour > 23 || minute > 59 || second > 59) return bad(`has a time of day that does not exist (${s})`, 'no_such_time');
  if (zone === undefined) {
    const start = officeHour(year, month, day, hour, timeZone);
    const at = Number.isNaN(start)
      ? zonedToUtc(year, month, day, timeZone, hour, minute, second, ms).getTime()
      : start + (minute * 60 + second) * 1000 + ms;
    return ok(new Date(at).toISOString());
  }
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const h = Number(digits.slice(0, 2));
    const m = Number(digits.slice(2) || '0');
    if (h > 14 || m > 59) return bad(`has a time zone offset that does not exist (${zone})`, 'no_such_time');
    offsetMin = sign * (h * 60 + m);
  }
  return ok(new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000).toISOString());
}

// Spaces of every width people and spreadsheets group digits with, and the apostrophe of Swiss-style grouping.
const GROUPING = /[\s\u00a0\u202f\u2009']/g;

/**
 * A money amount as offices write it: `350 000,50`, `350000.50`, `1,234.50`, `1.234,50`, with an
 * optional ₽. With one separator it is the decimal one (so `1,234` reads as 1.234 and the catalogue
 * refuses the third decimal, instead of guessing thousands).
 */
export function readAmount(text: string): Read<number> {
  const s = text.replace(GROUPING, '').replace(/(₽|руб\.?|р\.)$/i, '');
  let normalized: string | null = null;
  if (/^-?\d+(?:[.,]\d+)?$/.test(s)) normalized = s.replace(',', '.');
  else if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) normalized = s.replace(/,/g, '');
  else if (/^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) normalized = s.replace(/\./g, '').replace(',', '.');
  if (normalized === null) return bad('must be a number, e.g. 350 000,50 or 350000.50', 'not_a_number');
  return ok(Number(normalized));
}

/** A call's length: whole seconds (`95`, `1 200`) or a clock reading (`1:35`, `0:01:35`). */
export function readDuration(text: string): Read<number> {
  const s = text.replace(GROUPING, '');
  if (/^-?\d+$/.test(s)) return ok(Number(s));
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(s);
  if (clock) {
    const [h, m, sec] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
    if (sec > 59 || (clock[1] !== undefined && m > 59)) return bad(`is not a length of time (${s})`, 'duration');
    return ok(h * 3600 + m * 60 + sec);
  }
  return bad('must be whole seconds (95) or minutes and seconds (1:35)', 'duration');
}
