import { z } from 'zod';
import type { FieldReason } from './field-reasons.js';

/**
 * CSV backfill (PRODUCT.md, "Integrations"): POST /api/import with the event catalogue's columns,
 * UTF-8 or Windows-1251 (detected), `;` or `,` (detected).
 */

/** The columns a file may have; `type` and `occurredAt` are required, the others as the event type needs. */
export const IMPORT_COLUMNS = [
  'id',
  'type',
  'occurredAt',
  'employeeId',
  'clientId',
  'clientName',
  'durationSec',
  'amount',
  'toEmployeeId',
  'source',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_IMPORT_COLUMNS: readonly ImportColumn[] = ['type', 'occurredAt'];

export const ImportQuerySchema = z.strictObject({
  /** Check every row and answer counts and errors; store nothing. */
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Import the good rows and report the bad ones, instead of refusing the whole file. */
  skipBad: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ImportQuery = z.input<typeof ImportQuerySchema>;

/** One bad row: `row` is its line as a spreadsheet numbers it (the header is 1, the first data row 2). */
export interface ImportRowError {
  row: number;
  column: string;
  /** The English fallback for API clients; screens say `why`. */
  reason: string;
  why: FieldReason;
}

export const IMPORT_STATES = ['checked', 'running', 'done', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** The answer to POST /api/import and GET /api/import/{id}: counts so far and the first bad rows. */
export interface ImportReport {
  id: string;
  state: ImportState;
  dryRun: boolean;
  encoding: 'utf-8' | 'windows-1251';
  delimiter: ';' | ',';
  /** Data rows in the file. */
  rows: number;
  /** Rows that passed every check. */
  valid: number;
  /** Rows processed by the import so far (progress: processed / valid). */
  processed: number;
  /** New events stored. */
  imported: number;
  /** Rows whose event was already stored (a second import of the same file). */
  duplicates: number;
  /** Bad rows skipped (skipBad) or found (dryRun). */
  errorCount: number;
  /** The first 1,000 bad rows. */
  errors: ImportRowError[];
  startedAt: string;
  finishedAt: string | null;
}

export const MAX_IMPORT_ERRORS_LISTED = 1000;
