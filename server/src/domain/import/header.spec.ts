import { describe, expect, it } from 'vitest';
import { detectDelimiter, readHeader } from './header.js';

// vitest types its asymmetric matchers as `any`.
const containing = (text: string): unknown => expect.stringContaining(text);
const objectContaining = (fields: Record<string, unknown>): unknown => expect.objectContaining(fields);

describe('readHeader', () => {
  it('maps the catalogue names without regard to case, spaces or underscores, and Russian names', () => {
    const r = readHeader(['\uFEFFType', 'occurred_at', 'Сотрудник', 'Название клиента', 'СУММА', '', 'client id']);
    expect(r).toEqual({
      ok: true,
      header: {
        index: { type: 0, occurredAt: 1, employeeId: 2, clientName: 3, amount: 4, clientId: 6 },
        label: objectContaining({ type: 'Type', occurredAt: 'occurred_at', employeeId: 'Сотрудник', durationSec: 'durationSec' }),
        width: 7,
      },
    });
  });

  it('names every unknown, repeated and missing column', () => {
    const r = readHeader(['type', 'when', 'Тип']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems).toEqual([
      {
        column: 'when',
        reason: containing('is not a known column; the columns are id, type, occurredAt'),
        why: { code: 'unknown_column', params: { columns: containing('id, type, occurredAt') } },
      },
      { column: 'Тип', reason: 'names the same column as "type"', why: { code: 'same_column', params: { column: 'type' } } },
      { column: 'occurredAt', reason: 'is required: the file has no such column', why: { code: 'missing_column' } },
    ]);
  });
});

describe('detectDelimiter', () => {
  it('counts delimiters outside quotes, and takes ; on a tie', () => {
    expect(detectDelimiter('type;occurredAt;"a,b,c"')).toBe(';');
    expect(detectDelimiter('type,occurredAt,"a;b;c;d"')).toBe(',');
    expect(detectDelimiter('type')).toBe(';');
  });
});
