import { Injectable, Logger } from '@nestjs/common';
import { why, type ImportReport } from '@conveyor/shared';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import type { Header } from '../../domain/import/header.js';
import { ROW } from '../../domain/import/row.js';
import { ImportChecker } from './import.checker.js';
import { ErrorList, ImportReports, snapshot } from './import.reports.js';
import { ImportRunner, ImportStopped } from './import.runner.js';
import { checkUploadHeaders, receiveUpload } from './upload.js';

export interface ImportOptions {
  dryRun: boolean;
  skipBad: boolean;
}

/**
 * CSV backfill: the file is received to a temporary folder, checked whole (pass 1), and then, for
 * a real import, sent to the ledger in the background (pass 2) while GET /api/import/{id} reports
 * progress. A dry run and a refused file store nothing.
 */
@Injectable()
export class ImportService {
  private readonly log = new Logger(ImportService.name);

  constructor(
    private readonly checker: ImportChecker,
    private readonly runner: ImportRunner,
    private readonly reports: ImportReports,
    private readonly clock: Clock,
  ) {}

  /** Checks the file; a dry run answers the check, a real import answers at once with the running report. */
  async start(request: IncomingMessage, options: ImportOptions): Promise<ImportReport> {
    checkUploadHeaders(request.headers);
    if (!options.dryRun) this.reports.claim();
    let handedOver = false;
    const dir = await mkdtemp(join(tmpdir(), 'conveyor-import-'));
    try {
      const upload = await receiveUpload(request, dir);
      const report = this.newReport(options.dryRun);
      const errors = new ErrorList(report);
      const staged = options.dryRun ? null : join(dir, 'rows.ndjson');
      const { header, complete } = await this.checker.check(upload, report, errors, staged);
      await rm(upload.path, { force: true });
      if (!staged) {
        report.state = 'checked';
        report.finishedAt = this.clock.now().toISOString();
        this.reports.keep(report);
        return snapshot(report);
      }
      // An unreadable rest cannot be skipped: which rows it holds is not known.
      if (report.errorCount > 0 && (!options.skipBad || !complete)) throw badRows(report);
      report.duplicates = 0; // counted as pass 2 meets them
      report.state = 'running';
      this.reports.keep(report);
      handedOver = true;
      void this.run(dir, staged, header, report, options.skipBad);
      return snapshot(report);
    } finally {
      if (!handedOver) {
        await rm(dir, { recursive: true, force: true });
        if (!options.dryRun) this.reports.release();
      }
    }
  }

  report(id: string): Promise<ImportReport> {
    return this.reports.find(id);
  }

  private async run(dir: string, staged: string, header: Header, report: ImportReport, skipBad: boolean): Promise<void> {
    const errors = new ErrorList(report);
    try {
      await this.runner.run(staged, header, report, errors, skipBad);
      report.state = 'done';
    } catch (error) {
      report.state = 'failed';
      if (!(error instanceof ImportStopped)) {
        this.log.error(`import ${report.id} failed: ${String(error)}`, error instanceof Error ? error.stack : undefined);
        report.errors.push({
          row: 0,
          column: ROW,
          reason: 'the import stopped on a server error; what it stored stays, and importing the file again adds the rest',
          why: why('server_error'),
        });
      }
    } finally {
      // Done is done: the report says so and the next import may start in the same tick.
      report.finishedAt = this.clock.now().toISOString();
      this.reports.keep(report); // its final state copied where other instances read it
      this.reports.release();
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private newReport(dryRun: boolean): ImportReport {
    return {
      id: randomUUID(),
      state: 'checked',
      dryRun,
      encoding: 'utf-8',
      delimiter: ';',
      rows: 0,
      valid: 0,
      processed: 0,
      imported: 0,
      duplicates: 0,
      errorCount: 0,
      errors: [],
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
    };
  }
}

function badRows(report: ImportReport): DomainError {
  const good = report.valid;
  return new DomainError(
    'unprocessable',
    `${report.errorCount} of ${report.rows} rows are bad; nothing was stored` +
      (good > 0 ? ` (import with skipBad=true to store the ${good} good ones)` : ''),
    report.errors.map((e) => ({ index: e.row, field: e.column, reason: e.reason, why: e.why })),
  ).withCode('import.bad_rows');
}
