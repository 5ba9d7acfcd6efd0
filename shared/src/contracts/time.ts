import { z } from 'zod';

/** An ISO-8601 instant with an explicit zone (`Z` or `+03:00`). */
export const InstantSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-11-27T10:00:00+03:00',
});

/** A calendar date `YYYY-MM-DD` (interpreted in the office time zone). */
export const LocalDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** A date-time with zone, or a date meaning the start of that day in the office time zone. */
export const InstantOrDateSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be a date YYYY-MM-DD or an ISO-8601 date-time with a time zone',
});

/** How far ahead of the server clock an event may be stamped. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
