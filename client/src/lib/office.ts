/** The office's time zone (from GET /api/health at start); dates the server reads are office dates. */
let zone: string | undefined;

export function setOfficeZone(timeZone: string | null | undefined): void {
  zone = timeZone ?? undefined;
}

/** The office's time zone, once known (the browser's until then). */
export function officeZone(): string | undefined {
  return zone;
}

/** The office's date `offsetDays` from today, `YYYY-MM-DD` (the browser's zone until the office's is known). */
export function officeDate(offsetDays = 0, now: number = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now + offsetDays * 86_400_000,
  );
}

/** The office's currency, for amounts that come without one (a big payment's celebration). */
export const OFFICE_CURRENCY = 'RUB';
