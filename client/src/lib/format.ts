import { locale } from './i18n.js';

const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const timeFormat = new Intl.DateTimeFormat(locale, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Points with the locale's grouping: `12,345`, `12 345`. */
export function formatPoints(points: number): string {
  return numberFormat.format(points);
}

/** `hh:mm:ss` in the screen's local time. */
export function formatTime(epochMs: number): string {
  return timeFormat.format(epochMs);
}
