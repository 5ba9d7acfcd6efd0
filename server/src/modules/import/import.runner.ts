import { Injectable } from '@nestjs/common';
import { canonicalEventJson, MAX_BATCH, why, type FieldError, type ImportColumn, type ImportReport } from '@conveyor/shared';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import type { Header } from '../../domain/import/header.js';
import { ROW } from '../../domain/import/row.js';
import { IngestService } from '../ledger/ingest.service.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import type { StagedRow } from './import.checker.js';
import type { ErrorList } from './import.reports.js';

/** A refusal by the ledger ended an import that may not skip bad rows. */
export class ImportStopped extends Error {}

/**
 * Pass 2 of an import: the checked rows, a batch of 1,000 at a time, through the one write path
 * (IngestService: idempotent by id, scored, published) while the report counts progress. Rows
 * already stored are counted as duplicates and not sent again.
 */
@Injectable()
export class ImportRunner {
  constructor(
    private readonly db: Database,
    private readonly ledger: LedgerReader,
    private readonly ingest: IngestService,
  ) {}

  async run(staged: string, header: Header, report: ImportReport, errors: ErrorList, skipBad: boolean): Promise<void> {
    const lines = createInterface({ input: createReadStream(staged), crlfDelay: Infinity });
    let batch: StagedRow[] = [];
    try {
      for await (const line of lines) {
        if (line === '') continue;
        batch.push(JSON.parse(line) as StagedRow);
        if (batch.length >= MAX_BATCH) {
          await this.send(batch, header, report, errors, skipBad);
          batch = [];
        }
      }
      await this.send(batch, header, report, errors, skipBad);
    } finally {
      lines.close();
      errors.flush();
    }
  }

  private async send(batch: StagedRow[], header: Header, report: ImportReport, errors: ErrorList, skipBad: boolean): Promise<void> {
    if (batch.length === 0) return;
    const stored = await this.db.read((em) => this.ledger.storedBodies(em, [...new Set(batch.map((r) => r.event.id))]));
    const fresh: StagedRow[] = [];
    const sent = new Set<string>();
    let refused = 0;
    for (const r of batch) {
      const body = stored.get(r.event.id);
      if (body !== undefined && !r.derived && body !== canonicalEventJson(r.event)) {
        // Stored since the check, by another sender, for another event.
        errors.add(r.row, [
          {
            column: header.label.id,
            reason: `"${r.event.id}" is already stored for another event`,
            why: why('id_taken', { id: r.event.id }),
          },
        ]);
        refused++;
      } else if (body !== undefined || sent.has(r.event.id)) {
        report.duplicates++;
      } else {
        sent.add(r.event.id);
        fresh.push(r);
      }
    }
    if (refused > 0 && !skipBad) throw new ImportStopped(`${refused} row(s) refused`);
    report.imported += await this.ingestAll(fresh, header, errors, skipBad);
    report.processed += batch.length;
  }

  /**
   * Sends the rows in one request. A refusal names its bad events: with `skipBad` they are listed
   * and the rest sent again (a bad row never sinks the others); without it the import stops.
   */
  private async ingestAll(rows: StagedRow[], header: Header, errors: ErrorList, skipBad: boolean): Promise<number> {
    let rest = rows;
    while (rest.length > 0) {
      try {
        await this.ingest.ingest(
          rest.map((r) => r.event),
          { history: true },
        );
        return rest.length;
      } catch (error) {
        const bad = error instanceof DomainError ? byIndex(error.errors, rest.length) : new Map<number, FieldError[]>();
        if (bad.size === 0) throw error;
        for (const [index, problems] of bad)
          errors.add(
            rest[index]!.row,
            problems.map((p) => ({
              column: p.field in header.label ? header.label[p.field as ImportColumn] : ROW,
              reason: p.reason,
              why: p.why ?? why('other'),
            })),
          );
        if (!skipBad) throw new ImportStopped(`${bad.size} row(s) refused by the ledger`);
        rest = rest.filter((_, i) => !bad.has(i));
      }
    }
    return 0;
  }
}

/** A refusal's field errors by the index of the event they name. */
function byIndex(fieldErrors: readonly FieldError[], size: number): Map<number, FieldError[]> {
  const out = new Map<number, FieldError[]>();
  for (const e of fieldErrors) {
    if (e.index < 0 || e.index >= size) continue;
    out.set(e.index, [...(out.get(e.index) ?? []), e]);
  }
  return out;
}
