import { Injectable, Logger, Optional } from '@nestjs/common';
import { MAX_IMPORT_ERRORS_LISTED, why, type ImportReport, type ImportRowError } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { RedisLink } from '../../core/redis.js';

/** How many reports are kept: they live in memory and are gone after a restart. */
export const REPORTS_KEPT = 20;
/** With Redis: how often a running report's copy there is brought up to date, and how long copies stay. */
const MIRROR_MS = 500;
const MIRROR_TTL_S = 24 * 3600;

/**
 * The reports of the latest imports, in memory (the last 20; a running one is never dropped), and
 * the one slot a real import runs in: imports write through the same single writer as everything
 * else, so one at a time is as fast as two. With Redis (several instances behind a balancer), each
 * report is also copied there, every half second while it runs, so a progress poll that lands on
 * another instance than the one importing gets it too (`find`).
 */
@Injectable()
export class ImportReports {
  private readonly log = new Logger('Import');
  private readonly reports = new Map<string, ImportReport>();
  private busy = false;
  private mirroring: NodeJS.Timeout | null = null;

  constructor(@Optional() private readonly redis?: RedisLink) {}

  /** Takes the slot for a real import, or refuses with 409 while another one holds it. */
  claim(): void {
    if (this.busy)
      throw new DomainError('conflict', 'Another import is running; wait until it is done', [
        { index: 0, field: 'body', reason: 'one import runs at a time', why: why('one_at_a_time') },
      ]).withCode('import.running');
    this.busy = true;
  }

  release(): void {
    this.busy = false;
  }

  keep(report: ImportReport): void {
    this.reports.set(report.id, report);
    for (const [id, r] of this.reports) {
      if (this.reports.size <= REPORTS_KEPT) break;
      if (r.state !== 'running') this.reports.delete(id);
    }
    this.mirror(report);
    if (report.state === 'running' && this.redis?.client && !this.mirroring) {
      this.mirroring = setInterval(() => this.mirrorRunning(), MIRROR_MS);
      this.mirroring.unref();
    }
  }

  /** The report as it stands, from this instance or, with Redis, from the one that ran it. */
  async find(id: string): Promise<ImportReport> {
    if (this.reports.has(id) || !this.redis?.client) return this.get(id);
    const copy = await this.redis.client.get(mirrorKey(id)).catch(() => null);
    if (copy) return JSON.parse(copy) as ImportReport;
    return this.get(id);
  }

  /** A copy of the report as it stands. */
  get(id: string): ImportReport {
    const report = this.reports.get(id);
    if (!report)
      throw new DomainError('not_found', `Import "${id}" is not known`, [
        {
          index: 0,
          field: 'id',
          reason: `no import with id "${id}" among the last ${REPORTS_KEPT} (reports are kept in memory)`,
          why: why('not_found', { id }),
        },
      ]).withCode('import.not_found');
    return snapshot(report);
  }

  private mirrorRunning(): void {
    const running = [...this.reports.values()].filter((r) => r.state === 'running');
    for (const report of running) this.mirror(report);
    if (running.length === 0 && this.mirroring) {
      clearInterval(this.mirroring);
      this.mirroring = null;
    }
  }

  private mirror(report: ImportReport): void {
    this.redis?.client
      ?.set(mirrorKey(report.id), JSON.stringify(report), 'EX', MIRROR_TTL_S)
      .catch((error: unknown) => this.log.debug(`import report ${report.id} not copied to Redis: ${String(error)}`));
  }
}

function mirrorKey(id: string): string {
  return `conveyor:import:${id}`;
}

export function snapshot(report: ImportReport): ImportReport {
  return { ...report, errors: [...report.errors] };
}

/** Counts bad rows into a report, listing the problems of the first 1,000 by row. */
export class ErrorList {
  private list: ImportRowError[];

  /** Goes on from the errors the report lists already. */
  constructor(private readonly report: ImportReport) {
    this.list = [...report.errors];
  }

  /** One bad row, with every problem it has (a row is refused once: in the check, or by the ledger). */
  add(row: number, problems: readonly Omit<ImportRowError, 'row'>[]): void {
    this.report.errorCount++;
    for (const p of problems) this.list.push({ row, column: p.column, reason: p.reason, why: p.why });
    if (this.list.length > 2 * MAX_IMPORT_ERRORS_LISTED) this.trim();
  }

  /** Sorts by row and keeps the first 1,000 in the report. */
  flush(): void {
    this.trim();
    this.report.errors = [...this.list];
  }

  private trim(): void {
    this.list.sort((a, b) => a.row - b.row);
    this.list.length = Math.min(this.list.length, MAX_IMPORT_ERRORS_LISTED);
  }
}
