import { Injectable } from '@nestjs/common';
import type { PeriodDetail, PeriodSummary, RewardGrant } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { MAX_POSTPONE_MS } from '../../domain/periods/closing.js';
import { PeriodCloser } from './period-closer.js';
import { PeriodsReader } from './periods.reader.js';
import { PeriodsRepository } from './periods.repository.js';

/** What a manager does to periods: close one early, postpone a closing, set the grace window, hand a reward out. */
@Injectable()
export class PeriodsAdmin {
  constructor(
    private readonly db: Database,
    private readonly periods: PeriodsRepository,
    private readonly reader: PeriodsReader,
    private readonly closer: PeriodCloser,
    private readonly time: OfficeTime,
  ) {}

  async closeEarly(key: string): Promise<PeriodDetail> {
    const range = this.reader.range(key);
    const now = this.time.now();
    if (now.toISOString() < range.end) {
      throw new DomainError('unprocessable', `Period ${key} has not ended yet`, [
        { index: 0, field: 'key', reason: `${key} runs until ${range.end}; it can be closed once it has ended` },
      ]).withCode('period.not_ended');
    }
    if (!(await this.closer.close(range, 'manager'))) {
      const result = await this.db.read((em) => this.periods.result(em, key));
      throw new DomainError('conflict', `Period ${key} is already closed`, [
        { index: 0, field: 'key', reason: `closed at ${result?.closedAt ?? 'an earlier moment'}` },
      ]).withCode('period.closed');
    }
    return this.reader.detail(key);
  }

  async postpone(key: string, until: string): Promise<PeriodSummary> {
    const range = this.reader.range(key);
    const now = this.time.now().toISOString();
    const iso = new Date(until).toISOString();
    const latest = new Date(Date.parse(range.end) + MAX_POSTPONE_MS).toISOString();
    await this.db.write(async (em) => {
      if (await this.periods.result(em, key))
        throw new DomainError('conflict', `Period ${key} is already closed`, [
          { index: 0, field: 'key', reason: 'a closed period stays closed' },
        ]).withCode('period.closed');
      if (iso <= now)
        throw new DomainError('unprocessable', 'Cannot postpone into the past', [
          { index: 0, field: 'until', reason: `must be after now (${now})` },
        ]).withCode('period.postpone_past');
      if (iso <= range.end || iso > latest) {
        throw new DomainError('unprocessable', 'Postponement out of range', [
          { index: 0, field: 'until', reason: `must be after the period's end (${range.end}) and at most 7 days after it (${latest})` },
        ]).withCode('period.postpone_range');
      }
      await this.periods.postpone(em, key, iso, now);
    });
    return this.reader.summary(key);
  }

  async setClosingSettings(graceHours: number): Promise<{ graceHours: number }> {
    await this.db.write((em) => this.periods.setGraceHours(em, graceHours, this.time.now().toISOString()));
    void this.closer.tick(); // a shorter window may have made a period due
    return { graceHours };
  }

  async handOut(grantId: string): Promise<RewardGrant> {
    return this.db.write(async (em) => {
      const grant = await this.periods.grant(em, grantId);
      if (!grant) throw DomainError.notFound('Grant', grantId);
      if (grant.handedOutAt) return grant; // idempotent: the first hand-out stands
      const at = this.time.now().toISOString();
      await this.periods.handOut(em, grantId, at);
      return { ...grant, status: 'handed_out', handedOutAt: at };
    });
  }
}
