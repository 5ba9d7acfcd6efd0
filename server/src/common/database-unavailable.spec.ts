import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** As TypeORM's QueryFailedError carries a driver's error. */
const queryFailed = (driverError: object): Error => Object.assign(new Error('query failed'), { driverError });
const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('takes SQLite locked past the busy timeout, a file gone or unwritable as unavailable', () => {
    expect(isDatabaseUnavailable(queryFailed(withCode('SQLITE_BUSY', 'SQLITE_BUSY: database is locked')))).toBe(true);
    expect(isDatabaseUnavailable(withCode('SQLITE_CANTOPEN', 'SQLITE_CANTOPEN: unable to open database file'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(withCode('SQLITE_IOERR', 'SQLITE_IOERR_WRITE: disk I/O error')))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(withCode('SQLITE_FULL')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('SQLITE_READONLY: attempt to write a readonly database'))).toBe(true);
  });

  it('takes PostgreSQL going away, refusing or timing out connections as unavailable', () => {
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(withCode('57P01', 'terminating connection due to administrator command')))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(withCode('57P03', 'the database system is starting up')))).toBe(true);
    expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(new Error('Client has encountered a connection error and is not queryable')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('x', { cause: withCode('ECONNRESET') }))).toBe(true);
  });

  it('leaves the request’s and the code’s faults alone: constraints, syntax, deadlocks, anything else', () => {
    expect(isDatabaseUnavailable(queryFailed(withCode('SQLITE_CONSTRAINT', 'SQLITE_CONSTRAINT: UNIQUE constraint failed')))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(withCode('SQLITE_ERROR', 'SQLITE_ERROR: no such table: x')))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(withCode('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(withCode('42P01', 'relation "x" does not exist')))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(withCode('40P01', 'deadlock detected')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('SQLITE_BUSY')).toBe(false);
  });
});
