import type { PeriodKind } from '@conveyor/shared';

/**
 * A period's name for people, from its key (`2026-11`, `2026-Q4`, `2026`): "November 2026",
 * "Ноябрь 2026 г.". The key is already in the office's calendar, so no time zone math here.
 */
export function periodLabel(period: PeriodKind, key: string, locale: string): string {
  const year = Number(key.slice(0, 4));
  switch (period) {
    case 'month': {
      const month = Number(key.slice(5, 7));
      const text = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        Date.UTC(year, month - 1, 1),
      );
      return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
    }
    case 'quarter': {
      const quarter = key.slice(-1);
      return locale.toLowerCase().startsWith('ru') ? `${quarter} квартал ${year}` : `Q${quarter} ${year}`;
    }
    case 'year':
      return String(year);
    default: {
      const never: never = period;
      return String(never);
    }
  }
}
