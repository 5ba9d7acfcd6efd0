import { Injectable } from '@nestjs/common';
import type { PeriodKind, PeriodRange } from '@conveyor/shared';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/config.js';
import { periodOfDate } from '../domain/periods/periods.js';
import { dayRange, localDate } from '../domain/periods/zoned-time.js';

/** The office's clock and calendar: now, today and periods in the office's time zone. */
@Injectable()
export class OfficeTime {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  get timeZone(): string {
    return this.config.timeZone;
  }

  now(): Date {
    return this.clock.now();
  }

  /** Today in the office (YYYY-MM-DD). */
  today(): string {
    return localDate(this.clock.now(), this.config.timeZone);
  }

  /** The period of a kind that contains an office-local date. */
  period(kind: PeriodKind, at: string): PeriodRange {
    return periodOfDate(kind, at, this.config.timeZone);
  }

  /** The instants an office-local date starts and ends at. */
  day(date: string): { start: Date; end: Date } {
    return dayRange(date, this.config.timeZone);
  }
}
