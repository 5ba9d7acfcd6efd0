import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  BOARDS,
  ROLES,
  type Board,
  type EarnedGrade,
  type EarnedTeamGrade,
  type Moment,
  type PeriodClosed,
  type PeriodDetail,
  type PeriodKind,
  type PeriodRange,
  type PeriodSummary,
  type RewardGrant,
  type Standings,
} from '@conveyor/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { gradeStatus } from '../../domain/grades/grades.js';
import { memberAt } from '../../domain/org/membership-plan.js';
import {
  closesAt,
  decideWinners,
  MAX_POSTPONE_MS,
  periodsToClose,
  periodStatus,
  reachedAt,
  tiedIds,
  type ClosingBoard,
} from '../../domain/periods/closing.js';
import { periodOfKey, periodsBetween } from '../../domain/periods/periods.js';
import { localDate } from '../../domain/periods/zoned-time.js';
import { GradesRepository } from '../grades/grades.repository.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { MomentsRepository } from '../live/moments.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { StandingsService } from '../standings/standings.service.js';
import { PeriodsRepository } from './periods.repository.js';

/** The default grace window for late events after a period ends. */
export const DEFAULT_GRACE_HOURS = 24;
/** How often the closer looks for periods due. */
const CHECK_MS = 30_000;
/** After-close adjustments listed with a period. */
const MAX_ADJUSTMENTS = 500;

/**
 * Closes months, quarters and years: after the grace window (or a manager's postponement, or at a
 * manager's early close) it freezes every board, fixes the winners of each reward, records the
 * grades earned when the period is the ladder's window, and announces the result. A closing is one
 * transaction whose first statement claims the period's row, so it happens exactly once, whatever
 * restarts, crashes or other processes on the same database do.
 */
@Injectable()
export class PeriodsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Periods');
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<string[]> = Promise.resolve([]);

  constructor(
    private readonly db: Database,
    private readonly periods: PeriodsRepository,
    private readonly ledger: LedgerRepository,
    private readonly org: OrgRepository,
    private readonly grades: GradesRepository,
    private readonly moments: MomentsRepository,
    private readonly standings: StandingsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Catch up before serving (a restart at the closing moment closes on the way up), then every 30 s.
    await this.tick();
    this.timer = setInterval(() => void this.tick(), CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
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

  private async closeDue(): Promise<string[]> {
    const now = this.clock.now();
    const state = await this.db.read(async (em) => {
      const first = await this.periods.firstActiveMonth(em);
      return {
        firstActivity: first ? new Date(periodOfKey(first, this.config.timeZone)!.start) : null,
        closed: await this.periods.closedKeys(em),
        postponed: await this.periods.postponements(em),
        graceMs: (await this.graceHours(em)) * 3600_000,
      };
    });
    const closed: string[] = [];
    for (const range of periodsToClose(now, this.config.timeZone, state)) {
      if (await this.close(range, 'schedule')) closed.push(range.key);
    }
    return closed;
  }

  // ---- manager actions ----

  async closeEarly(key: string): Promise<PeriodDetail> {
    const range = this.range(key);
    const now = this.clock.now();
    if (now.toISOString() < range.end) {
      throw new DomainError('unprocessable', `Period ${key} has not ended yet`, [
        { index: 0, field: 'key', reason: `${key} runs until ${range.end}; it can be closed once it has ended` },
      ]);
    }
    if (!(await this.close(range, 'manager'))) {
      const result = await this.db.read((em) => this.periods.result(em, key));
      throw new DomainError('conflict', `Period ${key} is already closed`, [
        { index: 0, field: 'key', reason: `closed at ${result?.closedAt ?? 'an earlier moment'}` },
      ]);
    }
    return this.detail(key);
  }

  async postpone(key: string, until: string): Promise<PeriodSummary> {
    const range = this.range(key);
    const now = this.clock.now().toISOString();
    const iso = new Date(until).toISOString();
    const latest = new Date(Date.parse(range.end) + MAX_POSTPONE_MS).toISOString();
    await this.db.write(async (em) => {
      if (await this.periods.result(em, key))
        throw new DomainError('conflict', `Period ${key} is already closed`, [
          { index: 0, field: 'key', reason: 'a closed period stays closed' },
        ]);
      if (iso <= now)
        throw new DomainError('unprocessable', 'Cannot postpone into the past', [
          { index: 0, field: 'until', reason: `must be after now (${now})` },
        ]);
      if (iso <= range.end || iso > latest) {
        throw new DomainError('unprocessable', 'Postponement out of range', [
          { index: 0, field: 'until', reason: `must be after the period's end (${range.end}) and at most 7 days after it (${latest})` },
        ]);
      }
      await this.periods.postpone(em, key, iso, now);
    });
    return this.summary(key);
  }

  async closingSettings(): Promise<{ graceHours: number }> {
    return { graceHours: await this.db.read((em) => this.graceHours(em)) };
  }

  async setClosingSettings(graceHours: number): Promise<{ graceHours: number }> {
    await this.db.write((em) => this.periods.setGraceHours(em, graceHours, this.clock.now().toISOString()));
    void this.tick(); // a shorter window may have made a period due
    return { graceHours };
  }

  // ---- reading ----

  /** Periods from the first activity (or the current one) to now, newest first. */
  async list(kind: PeriodKind | undefined, limit: number): Promise<PeriodSummary[]> {
    const now = this.clock.now();
    const first = await this.db.read((em) => this.periods.firstActiveMonth(em));
    const from = first ? new Date(periodOfKey(first, this.config.timeZone)!.start) : now;
    const ranges = (kind ? [kind] : (['month', 'quarter', 'year'] as const))
      .flatMap((k) => periodsBetween(k, from, now, this.config.timeZone))
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
    const adjustments = await this.db.read((em) => this.periods.adjustments(em, range, Number(result.lastEntryId), MAX_ADJUSTMENTS));
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

  async handOut(grantId: string): Promise<RewardGrant> {
    return this.db.write(async (em) => {
      const grant = await this.periods.grant(em, grantId);
      if (!grant) throw DomainError.notFound('Grant', grantId);
      if (grant.handedOutAt) return grant; // idempotent: the first hand-out stands
      const at = this.clock.now().toISOString();
      await this.periods.handOut(em, grantId, at);
      return { ...grant, status: 'handed_out', handedOutAt: at };
    });
  }

  private async summaries(ranges: readonly PeriodRange[]): Promise<PeriodSummary[]> {
    const now = this.clock.now();
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

  private range(key: string): PeriodRange {
    const range = periodOfKey(key, this.config.timeZone);
    if (!range) throw DomainError.malformed([{ index: 0, field: 'key', reason: 'must be a period key such as 2026, 2026-Q4 or 2026-11' }]);
    return range;
  }

  private graceHours(em: EntityManager): Promise<number> {
    return this.periods.graceHours(em, DEFAULT_GRACE_HOURS);
  }

  // ---- closing ----

  /** Closes one period; false when it was closed already (by this or another process). */
  private async close(range: PeriodRange, by: 'schedule' | 'manager'): Promise<boolean> {
    const claim = randomUUID();
    const moment = await this.db.write(async (em) => {
      const closedAt = this.clock.now().toISOString();
      if (!(await this.periods.claim(em, range, closedAt, by, claim))) return null;
      const announced = await this.freeze(em, range, closedAt, by);
      this.fault('close:before-commit');
      return announced;
    });
    if (!moment) return false;
    this.fault('close:after-commit');
    this.log.log(`closed ${range.key}: ${moment.type === 'period.closed' ? moment.data.winners.length : 0} winner(s)`);
    this.events.emit('moments.recorded', [moment]);
    return true;
  }

  /** Everything a closing writes after its claim, in the claim's transaction. */
  private async freeze(em: EntityManager, range: PeriodRange, closedAt: string, by: 'schedule' | 'manager'): Promise<Moment> {
    const at = localDate(new Date(range.start), this.config.timeZone);
    const boards = new Map<Board, Omit<Standings, 'version'>>();
    for (const board of BOARDS) boards.set(board, await this.standings.boardIn(em, board, range.period, at));

    const rewards = await this.periods.rewards(em, range.period);
    const contenders = new Map<Board, ClosingBoard>();
    for (const board of new Set(rewards.map((r) => r.board))) {
      const rows = boards.get(board)!.rows.map((r) => ({ id: r.id, name: r.name, points: r.points, reachedAt: null as string | null }));
      const tied = tiedIds(rows);
      const entries = await this.periods.subjectEntries(em, board === 'teams' ? 'team' : 'employee', tied, range);
      for (const row of rows) if (tied.includes(row.id)) row.reachedAt = reachedAt(entries.get(row.id) ?? [], row.points);
      contenders.set(board, rows);
    }
    const winners = decideWinners(rewards, contenders);
    const byId = new Map(rewards.map((r) => [r.id, r]));
    const grants: RewardGrant[] = winners.map((w) => ({
      id: `${range.key}:${w.rewardId}`,
      period: range.period,
      key: range.key,
      rewardId: w.rewardId,
      board: w.board,
      place: w.place,
      title: w.title,
      description: byId.get(w.rewardId)!.description,
      subjectType: w.board === 'teams' ? 'team' : 'employee',
      subjectId: w.subjectId,
      subjectName: w.name,
      points: w.points,
      status: 'granted',
      grantedAt: closedAt,
      handedOutAt: null,
    }));
    await this.periods.insertGrants(em, grants);

    const earned = await this.earnGrades(em, range, boards.get('teams')!.rows, closedAt);
    await this.periods.completeResult(em, range.key, {
      lastEntryId: await this.ledger.lastEntryId(em),
      standings: JSON.stringify([...boards.values()]),
      grades: JSON.stringify(earned),
    });
    const closed: PeriodClosed = {
      period: range.period,
      key: range.key,
      start: range.start,
      end: range.end,
      closedAt,
      closedBy: by,
      winners,
      grades: earned.map(({ teamId, teamName, grade, points }) => ({ teamId, teamName, grade, points })),
    };
    return this.moments.record(em, 'period.closed', closed, closedAt);
  }

  /**
   * When the period is the ladder's window, each team's grade at close is earned by everyone who was
   * on the team at the period's last instant.
   */
  private async earnGrades(
    em: EntityManager,
    range: PeriodRange,
    teamRows: Standings['rows'],
    recordedAt: string,
  ): Promise<EarnedTeamGrade[]> {
    const ladder = await this.grades.ladder(em);
    if (ladder.window !== range.period) return [];
    const [memberships, employees] = await Promise.all([this.org.allMemberships(em), this.org.listEmployees(em)]);
    const names = new Map(employees.map((e) => [e.id, e.name]));
    const last = new Date(Date.parse(range.end) - 1).toISOString();
    const teams: EarnedTeamGrade[] = teamRows.map((row) => ({
      teamId: row.id,
      teamName: row.name,
      grade: gradeStatus(row.points, ladder, range.key).grade,
      points: row.points,
      members: ROLES.flatMap((role) => {
        const id = memberAt(memberships, row.id, role, last);
        return id ? [{ employeeId: id, name: names.get(id) ?? id }] : [];
      }),
    }));
    await this.periods.insertEarnedGrades(
      em,
      teams.flatMap((t) =>
        t.members.map((m) => ({
          employeeId: m.employeeId,
          windowKey: range.key,
          teamId: t.teamId,
          teamName: t.teamName,
          grade: t.grade,
          points: t.points,
          recordedAt,
        })),
      ),
    );
    return teams;
  }

  /** Tests only: dies at a named point, as a crash would (CONVEYOR_FAULT). */
  private fault(point: string): void {
    if (this.config.fault === point) {
      this.log.warn(`fault injection: killing the process at ${point}`);
      process.kill(process.pid, 'SIGKILL');
    }
  }
}
