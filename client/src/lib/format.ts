import { locale } from './i18n/i18n.js';
import { officeZone } from './office.js';

// Formatters are made on first use and again when the language or the office's time zone changes.
let cached: {
  id: string;
  number: Intl.NumberFormat;
  time: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
} | null = null;

function formats(): NonNullable<typeof cached> {
  const at = locale();
  const timeZone = officeZone();
  const id = `${at}|${timeZone ?? ''}`;
  if (cached?.id !== id) {
    cached = {
      id,
      number: new Intl.NumberFormat(at, { maximumFractionDigits: 0 }),
      time: new Intl.DateTimeFormat(at, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }),
      dateTime: new Intl.DateTimeFormat(at, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      }),
      date: new Intl.DateTimeFormat(at, { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
    };
  }
  return cached;
}

/** Points with the locale's grouping: `12,345`, `12 345`. */
export function formatPoints(points: number): string {
  return formats().number.format(points);
}

/** `hh:mm:ss` in the office's time. */
export function formatTime(epochMs: number): string {
  return formats().time.format(epochMs);
}

/** `27 Nov, 14:05` in the office's time. */
export function formatDateTime(iso: string | number): string {
  return formats().dateTime.format(typeof iso === 'number' ? iso : Date.parse(iso));
}

/** `27 November 2026`, the office's date. */
export function formatDate(iso: string | number): string {
  return formats().date.format(typeof iso === 'number' ? iso : Date.parse(iso));
}
