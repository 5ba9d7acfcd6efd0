import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseLog } from './database-log.js';

describe('DatabaseLog', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a failed query through the app logger, but not once per query while the database does not answer', () => {
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const log = new DatabaseLog();
    log.logQueryError(
      Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: events.id'), { code: 'SQLITE_CONSTRAINT' }),
      'INSERT INTO events',
      ['e1'],
    );
    log.logQueryError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'SELECT 1');
    log.logQueryError('Connection terminated unexpectedly', 'SELECT 1');
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      'query failed: SQLITE_CONSTRAINT: UNIQUE constraint failed: events.id -- INSERT INTO events -- PARAMETERS: ["e1"]',
    ]);
  });
});
