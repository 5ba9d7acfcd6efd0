/**
 * Whether an error means the database did not answer (so the request may succeed later: 503),
 * rather than that the request or the code is wrong (4xx, 500). Covers both engines' drivers as
 * TypeORM surfaces them: the error itself, or its `driverError`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const driver: DriverError = e;
    if (unavailable(driver)) return true;
    const next = driver.driverError ?? driver.cause;
    if (next === e) break;
    e = next;
  }
  return false;
}

interface DriverError {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/** Socket-level failures (node's codes): the database's host or port does not answer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLite (node's sqlite3 sets `code`, extended codes like SQLITE_IOERR_WRITE in the message): locked
 * past the busy timeout, or the file cannot be read or written (gone, disk full, permissions, I/O).
 */
const SQLITE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|PROTOCOL|NOTADB)(_[A-Z_]+)?\b/;

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P05 (the server shuts down or
 * cannot take connections now), 53xxx (out of resources: connections, memory, disk). Not a
 * deadlock or a constraint: those are the code's business.
 */
function isPostgresUnavailable(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-5]$/.test(code) || /^53[0-9A-Z]{3}$/.test(code);
}

/** pg's own messages for a connection that went away or never came (they carry no code). */
const PG_MESSAGES = [
  /^Connection terminated/i,
  /^timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^Cannot use a pool after calling end on the pool/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

function unavailable(e: DriverError): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code !== undefined) {
    if (NETWORK_CODES.has(code)) return true;
    if (SQLITE.test(code)) return true;
    if (isPostgresUnavailable(code)) return true;
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (SQLITE.test(message)) return true;
  return PG_MESSAGES.some((re) => re.test(message));
}
