import { MAX_CLOCK_SKEW_MS, parseEventBatch, why, type ActivityEvent, type ImportColumn } from '@conveyor/shared';
import type { ColumnProblem, Header } from './header.js';
import { readAmount, readDuration, readInstant, type Read } from './values.js';

/** What a row is checked against besides its own cells. */
export interface RowContext {
  header: Header;
  /** The office's zone: dates without one are its wall clock. */
  timeZone: string;
  now: Date;
  isEmployee(id: string): boolean;
}

export type RowRead =
  /** `idGiven`: the row had an id; otherwise the event's id is a placeholder for the caller to derive. */
  { ok: true; event: ActivityEvent; idGiven: boolean } | { ok: false; problems: ColumnProblem[] };

/** The id a row without one carries through the catalogue's checks, until its own is derived. */
export const PLACEHOLDER_ID = 'csv:pending';

/** What the column says of a row as a whole (a cell too many, a broken quote). */
export const ROW = 'row';

/** No event happened before this (as the ledger says): older dates are typos. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

const CELL_READERS: Partial<Record<ImportColumn, (text: string, timeZone: string) => Read<unknown>>> = {
  type: (text) => ({ ok: true, value: text.toLowerCase() }),
  occurredAt: readInstant,
  amount: readAmount,
  durationSec: readDuration,
};

/**
 * One data row to an event: cells read as offices write them (dates, amounts, durations), the
 * event checked by the catalogue's own schema (the same as POST /api/events), then against the
 * office: known people, not in the future, not before 2000. Every problem is named by the column as
 * the file calls it.
 */
export function readRow(cells: readonly string[], ctx: RowContext): RowRead {
  const { header } = ctx;
  const extra = cells.slice(header.width).filter((c) => c.trim() !== '').length;
  if (extra > 0)
    return {
      ok: false,
      problems: [
        {
          column: ROW,
          reason: `has ${cells.length} cells, the header ${header.width}: a delimiter too many?`,
          why: why('cells', { cells: cells.length, header: header.width }),
        },
      ],
    };

  const problems: ColumnProblem[] = [];
  const failed = new Set<string>();
  const input: Record<string, unknown> = { id: PLACEHOLDER_ID };
  let idGiven = false;
  for (const [column, index] of Object.entries(header.index) as [ImportColumn, number][]) {
    const text = (cells[index] ?? '').trim();
    if (text === '') continue;
    const reader = CELL_READERS[column];
    const read = reader ? reader(text, ctx.timeZone) : { ok: true as const, value: text };
    if (read.ok) input[column] = read.value;
    else {
      problems.push({ column: header.label[column], reason: read.reason, why: read.why });
      failed.add(column);
    }
    if (column === 'id') idGiven = true;
  }

  const parsed = parseEventBatch(input);
  if (!parsed.ok) {
    for (const e of parsed.errors) {
      if (failed.has(e.field)) continue; // its cell was refused above; the schema only misses it
      problems.push({
        column: e.field in header.label ? header.label[e.field as ImportColumn] : ROW,
        reason: e.reason,
        why: e.why ?? why('other'),
      });
    }
    return { ok: false, problems };
  }
  const event = parsed.events[0]!;
  if (problems.length > 0) return { ok: false, problems };

  const at = Date.parse(event.occurredAt);
  if (at < EARLIEST) problems.push({ column: header.label.occurredAt, reason: 'is before 2000-01-01', why: why('too_old') });
  if (at > ctx.now.getTime() + MAX_CLOCK_SKEW_MS)
    problems.push({
      column: header.label.occurredAt,
      reason: `is in the future (the server's clock says ${ctx.now.toISOString()})`,
      why: why('future'),
    });
  if ('employeeId' in event && !ctx.isEmployee(event.employeeId))
    problems.push({
      column: header.label.employeeId,
      reason: `no employee with id "${event.employeeId}"`,
      why: why('no_employee', { id: event.employeeId }),
    });
  if ('toEmployeeId' in event && event.toEmployeeId !== undefined && !ctx.isEmployee(event.toEmployeeId))
    problems.push({
      column: header.label.toEmployeeId,
      reason: `no employee with id "${event.toEmployeeId}"`,
      why: why('no_employee', { id: event.toEmployeeId }),
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, event, idGiven };
}
