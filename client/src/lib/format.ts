import { locale } from './i18n.js';

// Formatters are made on first use: the language is settled just before the app mounts.
let cached: {
  locale: string;
  number: Intl.NumberFormat;
  time: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
} | null = null;

function formats(): NonNullable<typeof cached> {
  if (cached?.locale !== locale) {
    cached = {
      locale,
      number: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
      dateTime: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' }),
    };
  }
  return cached;
}

/** Points with the locale's grouping: `12,345`, `12 345`. */
export function formatPoints(points: number): string {
  return formats().number.format(points);
}

/** `hh:mm:ss` in the screen's local time. */
export function formatTime(epochMs: number): string {
  return formats().time.format(epochMs);
}

/** `27 Nov, 14:05` in the viewer's time. */
export function formatDateTime(iso: string | number): string {
  return formats().dateTime.format(typeof iso === 'number' ? iso : Date.parse(iso));
}

/** `27 November 2026`. */
export function formatDate(iso: string | number): string {
  return formats().date.format(typeof iso === 'number' ? iso : Date.parse(iso));
}
