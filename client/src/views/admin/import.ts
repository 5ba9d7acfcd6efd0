import type { ApiError, ImportReport, ImportRowError, ImportState } from '@conveyor/shared';
import { HttpError } from '../../lib/api/http.js';
import { adminToken } from '../../lib/auth/admin-token.js';

/** The CSV backfill from the console: the file goes up as it is, the server detects its encoding and separator. */

export interface ImportOptions {
  dryRun: boolean;
  skipBad: boolean;
}

const isApiError = (value: unknown): value is ApiError =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { code?: unknown }).code === 'string' &&
  Array.isArray((value as { errors?: unknown }).errors);

/** POST /api/import with the raw file: a dry run answers 200, a real import 202 (then poll `reportPath`). */
export async function postImport(file: Blob, options: ImportOptions, signal?: AbortSignal): Promise<ImportReport> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'text/csv' };
  const token = adminToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/import?dryRun=${options.dryRun}&skipBad=${options.skipBad}`, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
    signal,
  });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new HttpError(response.status, isApiError(answer) ? answer : null);
  return answer as ImportReport;
}

export const reportPath = (id: string): string => `/api/import/${encodeURIComponent(id)}`;

export const finished = (state: ImportState): boolean => state === 'done' || state === 'failed';

/** How far a running import is, 0…1: processed of the valid rows (a file with nothing valid is done when it says so). */
export function progress(report: Pick<ImportReport, 'processed' | 'valid' | 'state'>): number {
  if (report.state === 'done') return 1;
  if (report.valid <= 0) return 0;
  return Math.min(1, Math.max(0, report.processed / report.valid));
}

/** Whole percent for the bar's label, never 100 before the import says it is done. */
export function percent(report: Pick<ImportReport, 'processed' | 'valid' | 'state'>): number {
  const p = Math.floor(progress(report) * 100);
  return report.state === 'done' ? 100 : Math.min(p, 99);
}

/** The refusals whose field errors are rows of the file (the others name the request's body). */
const ROW_CODES: readonly string[] = ['import.bad_rows', 'import.columns'];

/**
 * The bad rows of a refused import (422 `import.bad_rows`, or 400 `import.columns`): each field
 * error names its row (`index`, as the report's `row`: the spreadsheet's line) and column. A body
 * that carries `row` itself is read as it is.
 */
export function rowErrorsOf(error: unknown): ImportRowError[] {
  if (!(error instanceof HttpError) || !error.body || !ROW_CODES.includes(error.body.code)) return [];
  return error.body.errors.map((e) => {
    const row = (e as { row?: unknown }).row;
    const column = (e as { column?: unknown }).column;
    return {
      row: typeof row === 'number' ? row : e.index,
      column: typeof column === 'string' ? column : e.field,
      reason: e.reason,
      why: e.why ?? { code: 'other' },
    };
  });
}

/** A file's size for people: kilobytes, at least one. */
export const kilobytes = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
