/** Calendar arithmetic in an IANA time zone, with nothing but Intl. Instants are UTC; local parts are wall-clock. */

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Since 1980 every zone's offset is a whole number of minutes and changes only on a minute, so the
 * wall clock of a whole UTC minute is read once (Intl's formatToParts is the costly part of scoring
 * a batch) and the seconds are the instant's own.
 */
const CACHE_FROM_MS = Date.UTC(1980, 0, 1);
const minuteCache = new Map<string, Map<number, LocalParts>>();

/** The wall-clock parts of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const t = instant.getTime();
  if (!(t >= CACHE_FROM_MS)) return readParts(instant, timeZone);
  const minute = Math.floor(t / 60_000);
  let byMinute = minuteCache.get(timeZone);
  if (!byMinute) minuteCache.set(timeZone, (byMinute = new Map<number, LocalParts>()));
  let p = byMinute.get(minute);
  if (!p) {
    if (byMinute.size >= 10_000) byMinute.clear();
    p = readParts(new Date(minute * 60_000), timeZone);
    byMinute.set(minute, p);
  }
  return { ...p, second: instant.getUTCSeconds(), millisecond: instant.getUTCMilliseconds() };
}

function readParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** The zone's offset from UTC at an instant, in ms (Moscow: +3 h). */
export function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return asUtc - instant.getTime();
}

/**
 * The instant at which the zone's clock shows the given wall time. Month and day overflow
 * (month 13, day 0) normalize like Date.UTC. A wall time skipped by a DST jump maps to the
 * instant just after the jump; a repeated one to its first occurrence.
 */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  timeZone: string,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Offsets half a day either side cover any transition near this wall time.
  const before = wall - offsetMs(new Date(wall - 12 * 3600_000), timeZone);
  const after = wall - offsetMs(new Date(wall + 12 * 3600_000), timeZone);
  const valid = [before, after].filter((t) => t + offsetMs(new Date(t), timeZone) === wall);
  // Repeated wall time: the first occurrence. Skipped wall time: the instant the jump lands on.
  return new Date(valid.length > 0 ? Math.min(...valid) : before);
}

/** `YYYY-MM-DD` of an instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return formatDate(p.year, p.month, p.day);
}

export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseLocalDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** The first instant of a local day, and the first instant of the next. */
export function dayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const { year, month, day } = parseLocalDate(date);
  return { start: zonedToUtc(year, month, day, timeZone), end: zonedToUtc(year, month, day + 1, timeZone) };
}

/** A date without a time means the start of that day in the office zone; a date-time is taken as it is. */
export function instantOf(value: string, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayRange(value, timeZone).start : new Date(value);
}

/**
 * The same local date and time some calendar months later; a day the target month lacks becomes
 * its last day (30 November + 3 months = the last day of February).
 */
export function addMonthsLocal(instant: Date, months: number, timeZone: string): Date {
  const p = localParts(instant, timeZone);
  const target = new Date(Date.UTC(p.year, p.month - 1 + months, 1));
  const year = target.getUTCFullYear();
  const month = target.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return zonedToUtc(year, month, Math.min(p.day, lastDay), timeZone, p.hour, p.minute, p.second, p.millisecond);
}
