import { Injectable } from '@nestjs/common';
import type { EarnedGrade, EarnedTeamGrade, PeriodDetail, PeriodKind, PeriodRange, PeriodSummary, RewardGrant } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { closesAt, periodStatus } from '../../domain/periods/closing.js';
import { periodOfKey, periodsBetween } from '../../domain/periods/periods.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { PeriodsRepository } from './periods.repository.js';

/** The default grace window for late events after a period ends. */
export const DEFAULT_GRACE_HOURS = 24;
/** After-close adjustments listed with a period. */
const MAX_ADJUSTMENTS = 500;

/** Periods as screens and managers read them: status, closing time, frozen result, grants, grades earned. Never writes. */
@Injectable()
export class PeriodsReader {
  constructor(
    private readonly db: Database,
    private readonly periods: PeriodsRepository,
    private readonly ledger: LedgerReader,
    private readonly time: OfficeTime,
  ) {}

  /** Periods from the first activity (or the current one) to now, newest first. */
  async list(kind: PeriodKind | undefined, limit: number): Promise<PeriodSummary[]> {
    const now = this.time.now();
    const from = (await this.db.read((em) => this.firstActivity(em))) ?? now;
    const ranges = (kind ? [kind] : (['month', 'quarter', 'year'] as const))
      .flatMap((k) => periodsBetween(k, from, now, this.time.timeZone))
      .sort((a, b) => (a.end > b.end ? -1 : a.end < b.end ? 1 : b.period.localeCompare(a.period)))
      .slice(0, limit);
    return this.summaries(ranges);
  }

  async summary(key: string): Promise<PeriodSummary> {
    return (await this.summaries([this.range(key)]))[0]!;
  }

  async detail(key: string): Promise<PeriodDetail> {
    const range = this.range(key);
    const [summary] = await this.summaries([range]);
    const result = await this.db.read((em) => this.periods.result(em, key));
    if (!result) return { ...summary!, standings: null, grades: [], adjustments: [] };
    const adjustments = await this.db.read((em) => this.ledger.adjustments(em, range, Number(result.lastEntryId), MAX_ADJUSTMENTS));
    return {
      ...summary!,
      standings: JSON.parse(result.standings) as PeriodDetail['standings'],
      grades: JSON.parse(result.grades) as EarnedTeamGrade[],
      adjustments,
    };
  }

  hallOfFame(limit: number): Promise<RewardGrant[]> {
    return this.db.read((em) => this.periods.latestGrants(em, limit));
  }

  earnedGrades(employeeId: string): Promise<EarnedGrade[]> {
    return this.db.read((em) => this.periods.earnedGrades(em, employeeId));
  }

  async closingSettings(): Promise<{ graceHours: number }> {
    return { graceHours: await this.db.read((em) => this.graceHours(em)) };
  }

  /** The start of the first month anything was scored in; null before any activity. */
  async firstActivity(em: EntityManager): Promise<Date | null> {
    const first = await this.ledger.firstActiveMonth(em);
    const range = first ? periodOfKey(first, this.time.timeZone) : null;
    return range ? new Date(range.start) : null;
  }

  graceHours(em: EntityManager): Promise<number> {
    return this.periods.graceHours(em, DEFAULT_GRACE_HOURS);
  }

  /** A period by key, or a 400 naming the key. */
  range(key: string): PeriodRange {
    const range = periodOfKey(key, this.time.timeZone);
    if (!range) throw DomainError.malformed([{ index: 0, field: 'key', reason: 'must be a period key such as 2026, 2026-Q4 or 2026-11' }]);
    return range;
  }

  private async summaries(ranges: readonly PeriodRange[]): Promise<PeriodSummary[]> {
    const now = this.time.now();
    const keys = ranges.map((r) => r.key);
    const [headers, grants, postponed, graceHours] = await this.db.read(async (em) =>
      Promise.all([
        this.periods.resultHeaders(em, keys),
        this.periods.grantsOf(em, keys),
        this.periods.postponements(em),
        this.graceHours(em),
      ]),
    );
    return ranges.map((range) => {
      const header = headers.get(range.key);
      return {
        period: range.period,
        key: range.key,
        start: range.start,
        end: range.end,
        status: periodStatus(range, now, header !== undefined),
        closesAt: header?.closedAt ?? closesAt(range, graceHours * 3600_000, postponed.get(range.key) ?? null),
        closedAt: header?.closedAt ?? null,
        closedBy: (header?.closedBy as PeriodSummary['closedBy']) ?? null,
        grants: grants.filter((g) => g.key === range.key),
      };
    });
  }
}
