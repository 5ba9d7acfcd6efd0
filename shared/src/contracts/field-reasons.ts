/**
 * Why a field or a row was refused, as data (PRODUCT.md, "Reasons are data"): a code and the
 * numbers and values behind it. Screens say it in the viewer's language by the code; the English
 * `reason` beside it stays for API clients and logs, and no screen parses it.
 */
export const FIELD_REASONS = [
  // ---- the shape of a value (zod's checks, by issue) ----
  /** Missing. */
  'required',
  /** Given as null. */
  'not_null',
  /** `{ expected }`: number, int, string, boolean, array, object… */
  'wrong_type',
  /** An empty text. */
  'empty',
  /** `{ min }` characters. */
  'too_short',
  /** `{ max }` characters. */
  'too_long',
  /** `{ min }` items. */
  'too_few_items',
  /** `{ max }` items. */
  'too_many_items',
  /** `{ min, inclusive }`: a number below it. */
  'too_small',
  /** `{ max, inclusive }`: a number above it. */
  'too_big',
  /** `{ values }`: the allowed values, joined by ", ". */
  'one_of',
  /** A field the request does not take. */
  'unknown_field',
  /** Not a URL with http(s). */
  'url',
  /** Not an email address. */
  'email',
  /** `{ format }`: some other text format. */
  'wrong_format',
  // ---- the event catalogue ----
  /** `{ type }`: an event type needs the field. */
  'required_for',
  /** `{ type }`: an event type does not take the field. */
  'not_used_by',
  /** More than two decimal places. */
  'decimals',
  /** Not a date and time (or a date) as the field takes it. */
  'not_a_date',
  /** A date without a time of day. */
  'no_time',
  /** A date the calendar does not have (month 13, 31 November). */
  'no_such_day',
  /** A time of day or a zone offset that does not exist (25:00, +15:00). */
  'no_such_time',
  /** Not a number (an amount). */
  'not_a_number',
  /** Not a length of time: whole seconds or minutes and seconds. */
  'duration',
  /** `{ id }`: no such employee. */
  'no_employee',
  /** Ahead of the server's clock. */
  'future',
  /** Before 2000. */
  'too_old',
  /** Before today: a new rule version never changes points already given. */
  'in_past',
  /** `{ id, index }`: an earlier event of the same batch has the id and another body. */
  'id_in_batch',
  /** `{ id }`: the id is stored for another event. */
  'id_taken',
  /** At least one event is needed. */
  'no_events',
  // ---- CSV import: rows, the header, the file ----
  /** `{ cells, header }`: a row with more cells than the header. */
  'cells',
  /** `{ id, row }`: an earlier row of the file has the id for another event. */
  'id_repeated',
  /** A row the CSV reader cannot read (a broken quote). */
  'unreadable',
  /** A row opens a quote that is not closed: the rest of the file cannot be read. */
  'quote_not_closed',
  /** A row longer than any row can be (a quote left open?): the rest of the file cannot be read. */
  'row_too_long',
  /** `{ columns }`: a header cell that names no column; `columns` are the known ones, joined by ", ". */
  'unknown_column',
  /** A required column the file does not have. */
  'missing_column',
  /** `{ column }`: the header names the column twice. */
  'same_column',
  /** The file is UTF-16. */
  'utf16',
  /** The file has a NUL byte: not text. */
  'not_text',
  /** `{ line }`: neither UTF-8 nor Windows-1251. */
  'encoding',
  /** The file is empty. */
  'empty_file',
  /** The file has a header and no data rows. */
  'header_only',
  /** Another import is running. */
  'one_at_a_time',
  /** `{ type }`: the body is not a CSV file (its content type). */
  'not_csv',
  /** `{ mb }`: the body is larger than this many megabytes. */
  'too_large',
  /** The import stopped on a server error. */
  'server_error',
  // ---- photos ----
  /** `{ limit }`: a photo larger than this many megabytes. */
  'photo_too_large',
  /** `{ type }`: not a JPEG, PNG, WebP or GIF image (its content type, or bytes that are none). */
  'not_image',
  /** `{ limit }`: an image of more than this many megapixels. */
  'too_many_pixels',
  // ---- settings, lookups ----
  /** `{ system }`: the system's secrets are set in the connection's settings. */
  'secret_in_settings',
  /** `{ id }`: nothing with this id. */
  'not_found',
  /** Must be higher than the one before (a grade's threshold). */
  'not_ascending',
  /** `{ value }`: a name given twice. */
  'repeated',
  /** A body that is not JSON. */
  'not_json',
  /** Anything else: the English `reason` says what. */
  'other',
] as const;
export type FieldReasonCode = (typeof FIELD_REASONS)[number];

/** The values behind a field reason: numbers as numbers, what the sender typed as text. */
export type FieldReasonParams = Record<string, string | number | boolean>;

/** A field reason as data. */
export interface FieldReason {
  code: FieldReasonCode;
  params?: FieldReasonParams;
}

export const isFieldReasonCode = (value: unknown): value is FieldReasonCode =>
  typeof value === 'string' && (FIELD_REASONS as readonly string[]).includes(value);

/** A field reason, its params left out when there are none. */
export function why(code: FieldReasonCode, params?: FieldReasonParams): FieldReason {
  return params && Object.keys(params).length > 0 ? { code, params } : { code };
}

/** How a delivery's params keep a field reason (they are flat): `why` is the code, `why.<name>` each param. */
export const WHY_PARAM = 'why.';

/** A field reason as flat params, for a delivery's `params`. */
export function whyAsParams(reason: FieldReason | undefined): Record<string, string | number> {
  if (!reason) return {};
  const flat: Record<string, string | number> = { why: reason.code };
  for (const [name, value] of Object.entries(reason.params ?? {}))
    flat[`${WHY_PARAM}${name}`] = typeof value === 'boolean' ? String(value) : value;
  return flat;
}
