import { describe, expect, it } from 'vitest';
import { HttpError } from '../../lib/api/http.js';
import { finished, kilobytes, percent, progress, rowErrorsOf } from './import.js';

describe('an import’s progress', () => {
  it('is processed of the valid rows', () => {
    expect(progress({ state: 'running', processed: 50, valid: 200 })).toBe(0.25);
    expect(progress({ state: 'running', processed: 0, valid: 0 })).toBe(0);
    expect(progress({ state: 'done', processed: 0, valid: 0 })).toBe(1);
  });

  it('reaches 100 % only when the import says it is done', () => {
    expect(percent({ state: 'running', processed: 200, valid: 200 })).toBe(99);
    expect(percent({ state: 'done', processed: 200, valid: 200 })).toBe(100);
    expect(percent({ state: 'running', processed: 1, valid: 3 })).toBe(33);
  });

  it('ends when done or failed', () => {
    expect(finished('running')).toBe(false);
    expect(finished('checked')).toBe(false);
    expect(finished('done')).toBe(true);
    expect(finished('failed')).toBe(true);
  });
});

describe('a refused import’s rows', () => {
  it('reads each field error as a row, its column and reason', () => {
    const refused = new HttpError(422, {
      code: 'import.bad_rows',
      message: 'rows have errors',
      errors: [{ index: 3, field: 'durationSec', reason: 'is required for call', why: { code: 'required_for', params: { type: 'call' } } }],
    });
    expect(rowErrorsOf(refused)).toEqual([
      { row: 3, column: 'durationSec', reason: 'is required for call', why: { code: 'required_for', params: { type: 'call' } } },
    ]);
  });

  it('reads a body that carries rows as they are', () => {
    const refused = new HttpError(422, {
      code: 'import.bad_rows',
      message: 'rows have errors',
      errors: [{ index: 0, field: 'x', reason: 'r', row: 7, column: 'amount' } as never],
    });
    // A field error without its reason as data is said in general words.
    expect(rowErrorsOf(refused)).toEqual([{ row: 7, column: 'amount', reason: 'r', why: { code: 'other' } }]);
  });

  it('has no rows for anything else', () => {
    const empty = new HttpError(400, {
      code: 'import.empty',
      message: 'empty',
      errors: [{ index: 0, field: 'body', reason: 'the file is empty' }],
    });
    expect(rowErrorsOf(empty)).toEqual([]);
    expect(rowErrorsOf(new Error('offline'))).toEqual([]);
    expect(rowErrorsOf(new HttpError(500, null))).toEqual([]);
  });

  it('names a file’s size in whole kilobytes, at least one', () => {
    expect(kilobytes(10)).toBe(1);
    expect(kilobytes(2049)).toBe(3);
  });
});
