import { describe, expect, it } from 'vitest';
import { readHeader, type Header } from './header.js';
import { PLACEHOLDER_ID, readRow, type RowContext } from './row.js';

// vitest types its asymmetric matchers as `any`.
const containing = (text: string): unknown => expect.stringContaining(text);

function header(cells: string[]): Header {
  const r = readHeader(cells);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.header;
}

const ctx = (cells: string[]): RowContext => ({
  header: header(cells),
  timeZone: 'Europe/Moscow',
  now: new Date('2026-11-25T09:00:00Z'),
  isEmployee: (id) => ['tm1', 'sales1'].includes(id),
});

describe('readRow', () => {
  const columns = ctx(['type', 'occurredAt', 'employeeId', 'clientId', 'clientName', 'durationSec', 'amount', 'toEmployeeId', 'source']);

  it('reads a row into a normalized event, leaving the id to be derived when the file gives none', () => {
    expect(readRow(['call', '03.11.2026 14:05', 'tm1', '', '', '1:35', '', '', ''], columns)).toEqual({
      ok: true,
      idGiven: false,
      event: { id: PLACEHOLDER_ID, type: 'call', occurredAt: '2026-11-03T11:05:00.000Z', employeeId: 'tm1', durationSec: 95 },
    });
    expect(readRow(['payment.received', '2026-11-03 14:05', '', 'c1', 'ООО «Ромашка»', '', '350 000,50', '', 'amocrm'], columns)).toEqual({
      ok: true,
      idGiven: false,
      event: {
        id: PLACEHOLDER_ID,
        type: 'payment.received',
        occurredAt: '2026-11-03T11:05:00.000Z',
        clientId: 'c1',
        clientName: 'ООО «Ромашка»',
        amount: 350000.5,
        source: 'amocrm',
      },
    });
  });

  it('keeps an id the row gives', () => {
    const r = readRow(
      ['crm-7', 'Call', '2026-11-03T14:05:00+03:00', 'tm1', '60'],
      ctx(['id', 'type', 'occurredAt', 'employeeId', 'durationSec']),
    );
    expect(r).toMatchObject({ ok: true, idGiven: true, event: { id: 'crm-7', type: 'call' } });
  });

  it("names every problem by the file's column: the cell's own, the catalogue's, and the office's", () => {
    const russian = ctx(['Тип', 'Дата', 'Сотрудник', 'Клиент', 'Сумма', 'Длительность']);
    expect(readRow(['call', '31.11.2026 10:00', 'tm1', '', '', 'abc'], russian)).toEqual({
      ok: false,
      problems: [
        { column: 'Дата', reason: 'has day 31, which 2026-11 does not have', why: { code: 'no_such_day' } },
        { column: 'Длительность', reason: 'must be whole seconds (95) or minutes and seconds (1:35)', why: { code: 'duration' } },
      ],
    });
    expect(readRow(['meeting.held', '01.11.2026 10:00', 'tm1', '', '5', ''], russian)).toEqual({
      ok: false,
      problems: [
        { column: 'Клиент', reason: 'is required for meeting.held', why: { code: 'required_for', params: { type: 'meeting.held' } } },
        { column: 'Сумма', reason: 'is not used by meeting.held', why: { code: 'not_used_by', params: { type: 'meeting.held' } } },
      ],
    });
    expect(readRow(['dance', '01.11.2026 10:00', 'tm1', '', '', ''], russian)).toMatchObject({
      ok: false,
      problems: [{ column: 'Тип', reason: containing('must be one of: call, email.general'), why: { code: 'one_of' } }],
    });
    expect(readRow(['call', '26.11.2026 10:00', 'ghost', '', '', '60'], russian)).toEqual({
      ok: false,
      problems: [
        { column: 'Дата', reason: "is in the future (the server's clock says 2026-11-25T09:00:00.000Z)", why: { code: 'future' } },
        { column: 'Сотрудник', reason: 'no employee with id "ghost"', why: { code: 'no_employee', params: { id: 'ghost' } } },
      ],
    });
    expect(readRow(['call', '01.11.1999 10:00', 'tm1', '', '', '60'], russian)).toMatchObject({
      ok: false,
      problems: [{ column: 'Дата', reason: 'is before 2000-01-01', why: { code: 'too_old' } }],
    });
    expect(readRow(['call', '', 'tm1', '', '', '60', 'x'], russian)).toEqual({
      ok: false,
      problems: [
        {
          column: 'row',
          reason: 'has 7 cells, the header 6: a delimiter too many?',
          why: { code: 'cells', params: { cells: 7, header: 6 } },
        },
      ],
    });
    // Short rows are fine (some tools drop trailing empty cells); what they lack is named.
    expect(readRow(['call', '01.11.2026 10:00', 'tm1'], russian)).toEqual({
      ok: false,
      problems: [{ column: 'Длительность', reason: 'is required for call', why: { code: 'required_for', params: { type: 'call' } } }],
    });
    expect(readRow(['call', '', 'tm1'], russian)).toEqual({
      ok: false,
      problems: [{ column: 'Дата', reason: 'is required', why: { code: 'required' } }],
    });
  });
});
