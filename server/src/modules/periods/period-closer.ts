import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { PeriodRange } from '@conveyor/shared';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/config.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { periodsToClose } from '../../domain/periods/closing.js';
import { PeriodFreezer } from './period-freezer.js';
import { PeriodsReader } from './periods.reader.js';
import { PeriodsRepository } from './periods.repository.js';

/** How often the closer looks for periods due. */
const CHECK_MS = 30_000;

/**
 * Closes months, quarters and years: after the grace window (or a manager's postponement, or at a
 * manager's early close). A closing is one transaction whose first statement claims the period's
 * row, so it happens exactly once, whatever restarts, crashes or other processes on the same
 * database do.
 */
@Injectable()
export class PeriodCloser implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Periods');
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<string[]> = Promise.resolve([]);

  constructor(
    private readonly db: Database,
    private readonly periods: PeriodsRepository,
    private readonly reader: PeriodsReader,
    private readonly freezer: PeriodFreezer,
    private readonly time: OfficeTime,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Catch up before serving (a restart at the closing moment closes on the way up), then every 30 s.
    await this.tick();
    this.timer = setInterval(() => void this.tick(), CHECK_MS);
    this.timer.unref();
  }

  /** Stops the timer and lets a closing under way finish before the database connection closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking.catch(() => undefined);
  }

  /** Closes every period due now; resolves with their keys. Calls queue behind each other. */
  tick(): Promise<string[]> {
    this.ticking = this.ticking.then(
      () => this.closeDue(),
      () => this.closeDue(),
    );
    return this.ticking.catch((error: unknown) => {
      this.log.error(`closing periods failed, will retry: ${String(error)}`);
      return [];
    });
  }

  /** Closes one period; false when it was closed already (by this or another process). */
  async close(range: PeriodRange, by: 'schedule' | 'manager'): Promise<boolean> {
    const claim = randomUUID();
    const moment = await this.db.write(async (em) => {
      const closedAt = this.time.now().toISOString();
      if (!(await this.periods.claim(em, range, closedAt, by, claim))) return null;
      const announced = await this.freezer.freeze(em, range, closedAt, by);
      this.fault('close:before-commit');
      return announced;
    });
    if (!moment) return false;
    this.fault('close:after-commit');
    this.log.log(`closed ${range.key}: ${moment.type === 'period.closed' ? moment.data.winners.length : 0} winner(s)`);
    return true;
  }

  private async closeDue(): Promise<string[]> {
    const now = this.time.now();
    const state = await this.db.read(async (em) => ({
      firstActivity: await this.reader.firstActivity(em),
      closed: await this.periods.closedKeys(em),
      postponed: await this.periods.postponements(em),
      graceMs: (await this.reader.graceHours(em)) * 3600_000,
    }));
    const closed: string[] = [];
    for (const range of periodsToClose(now, this.time.timeZone, state)) {
      if (await this.close(range, 'schedule')) closed.push(range.key);
    }
    return closed;
  }

  /** Tests only: dies at a named point, as a crash would (CONVEYOR_FAULT). */
  private fault(point: string): void {
    if (this.config.fault === point) {
      this.log.warn(`fault injection: killing the process at ${point}`);
      process.kill(process.pid, 'SIGKILL');
    }
  }
}
