import { Injectable } from '@nestjs/common';
import { canonicalEventJson, why, type ActivityEvent, type ImportReport } from '@conveyor/shared';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../common/domain-error.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { detectDelimiter, readHeader, type Header } from '../../domain/import/header.js';
import { FileIdentities } from '../../domain/import/identity.js';
import { readRow, ROW, type RowContext } from '../../domain/import/row.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { OrgDirectory } from '../org/org.directory.js';
import type { ErrorList } from './import.reports.js';
import { empty, type Upload } from './upload.js';

/** A checked row on its way to the ledger: one JSON line each in the staging file. */
export interface StagedRow {
  row: number;
  /** The id is derived from the row (`csv:…`), not given by it. */
  derived: boolean;
  event: ActivityEvent;
}

const MAX_ROW_CHARS = 64 * 1024;

/** Rows looked up against the stored events together: few enough that they die young (fewer promoted to V8's old space). */
const LOOKUP_BATCH = 250;

interface Pending extends StagedRow {
  /** The canonical body, for rows that give their own id. */
  json: string | null;
  /** An earlier row of the file gives the same id and body. */
  repeat: boolean;
}

/**
 * Pass 1 of an import: reads the file as a stream (csv-parse over the decoded bytes), checks every
 * row as the ledger would (the catalogue's schema, known people, no future) and against the stored
 * events (a given id already used for another event), and counts. Good rows are written to a
 * staging file for pass 2 when one is named; nothing is stored.
 */
@Injectable()
export class ImportChecker {
  constructor(
    private readonly db: Database,
    private readonly org: OrgDirectory,
    private readonly ledger: LedgerReader,
    private readonly office: OfficeTime,
  ) {}

  /** Checks every row; `complete` is false when the file could not be read to its end (a quote left open). */
  async check(
    upload: Upload,
    report: ImportReport,
    errors: ErrorList,
    stageTo: string | null,
  ): Promise<{ header: Header; complete: boolean }> {
    const delimiter = detectDelimiter(Buffer.from(upload.firstLine).toString('latin1'));
    report.delimiter = delimiter;
    report.encoding = upload.encoding;
    const employees = new Set((await this.db.read((em) => this.org.listEmployees(em))).map((e) => e.id));
    const staging = stageTo ? createWriteStream(stageTo) : null;

    // Row numbers as a spreadsheet shows them: every record counts, blank and unreadable ones too.
    // csv-parse reports an unreadable record ("skip") as it parses, ahead of the records still
    // queued for this loop, so each record's row is taken when it is parsed.
    let skipped = 0;
    const rowsOfRecords: number[] = [];
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      // A row longer than this is a quote left open; without a limit the rest of the file would become one cell in memory.
      max_record_size: MAX_ROW_CHARS,
      on_record: (record: string[], info) => {
        rowsOfRecords.push(info.records + skipped);
        return record;
      },
    });
    let unreadableFrom: number | null = null;
    parser.on('skip', (error: CsvError) => {
      skipped++;
      const row = Number(error.records ?? 0) + skipped;
      if (error.code === 'CSV_MAX_RECORD_SIZE' || error.code === 'CSV_QUOTE_NOT_CLOSED') {
        // Nothing after an unclosed quote can be read: the parser stops here.
        unreadableFrom ??= row;
        const open = error.code === 'CSV_QUOTE_NOT_CLOSED';
        const what = open ? 'opens a quote that is not closed' : 'is longer than any row (a quote left open?)';
        errors.add(row, [
          { column: ROW, reason: `${what}: the rest of the file cannot be read`, why: why(open ? 'quote_not_closed' : 'row_too_long') },
        ]);
      } else errors.add(row, [{ column: ROW, reason: `cannot be read as CSV: ${error.message}`, why: why('unreadable') }]);
    });
    const input = createReadStream(upload.path, { start: upload.bom, highWaterMark: 256 * 1024 });
    const fed = upload.encoding === 'utf-8' ? pipeline(input, parser) : pipeline(input, iconv.decodeStream('win1251'), parser);
    fed.catch(() => undefined); // its failure is the parser's, thrown by the loop below

    let header: Header | null = null;
    let ctx: RowContext | null = null;
    const ids = new FileIdentities();
    let pending: Pending[] = [];
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        const row = rowsOfRecords.shift() ?? 0;
        if (!ctx) {
          header = this.header(cells);
          ctx = { header, timeZone: this.office.timeZone, now: this.office.now(), isEmployee: (id) => employees.has(id) };
          continue;
        }
        if (cells.every((c) => c.trim() === '')) continue; // a blank line
        report.rows++;
        const read = readRow(cells, ctx);
        if (!read.ok) {
          errors.add(row, read.problems);
          continue;
        }
        if (read.idGiven) {
          const json = canonicalEventJson(read.event);
          const repeat = ids.see(read.event.id, json, row);
          if (repeat.kind === 'conflict') {
            errors.add(row, [
              {
                column: ctx.header.label.id,
                reason: `"${read.event.id}" is on row ${repeat.firstRow} for another event`,
                why: why('id_repeated', { id: read.event.id, row: repeat.firstRow }),
              },
            ]);
            continue;
          }
          pending.push({ row, derived: false, event: read.event, json, repeat: repeat.kind === 'repeat' });
        } else {
          pending.push({ row, derived: true, event: { ...read.event, id: ids.derive(read.event) }, json: null, repeat: false });
        }
        if (pending.length >= LOOKUP_BATCH) {
          await this.settle(pending, ctx.header, report, errors, staging);
          pending = [];
        }
      }
      if (!header) throw empty('the file is empty', 'empty_file');
      await this.settle(pending, header, report, errors, staging);
      if (report.rows === 0) throw empty('the file has a header and no data rows', 'header_only');
      if (staging) {
        staging.end();
        await once(staging, 'finish');
      }
      return { header, complete: unreadableFrom === null };
    } finally {
      errors.flush();
      if (!staging?.writableFinished) staging?.destroy();
      parser.destroy();
    }
  }

  private header(cells: readonly string[]): Header {
    const read = readHeader(cells);
    if (read.ok) return read.header;
    throw DomainError.malformed(
      read.problems.map((p) => ({ index: 1, field: p.column, reason: p.reason, why: p.why })),
      `The header cannot be used: ${read.problems.map((p) => `"${p.column}" ${p.reason.split(';')[0]!}`).join('; ')}`,
    ).withCode('import.columns');
  }

  /**
   * Looks the rows up among the stored events: a row stored before is a duplicate (a row whose id is
   * derived is the same event, whatever its labels; a given id must carry the same body), a given
   * id stored for another event is a bad row. Good rows go to the staging file.
   */
  private async settle(pending: Pending[], header: Header, report: ImportReport, errors: ErrorList, staging: WriteStream | null) {
    if (pending.length === 0) return;
    const stored = await this.db.read((em) => this.ledger.storedBodies(em, [...new Set(pending.map((p) => p.event.id))]));
    for (const p of pending) {
      const body = stored.get(p.event.id);
      if (body !== undefined && !p.derived && body !== p.json) {
        errors.add(p.row, [
          {
            column: header.label.id,
            reason: `"${p.event.id}" is already stored for another event`,
            why: why('id_taken', { id: p.event.id }),
          },
        ]);
        continue;
      }
      report.valid++;
      if (body !== undefined || p.repeat) report.duplicates++;
      if (staging && !staging.write(`${JSON.stringify({ row: p.row, derived: p.derived, event: p.event } satisfies StagedRow)}\n`))
        await once(staging, 'drain');
    }
  }
}
