import { Injectable } from '@nestjs/common';
import { photoUrlOf } from '@conveyor/shared';
import type { MeHistory, MeHistoryDay, MeSummary } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { successfulCalls } from '../../domain/me/calls.js';
import { awardDay, groupByDay } from '../../domain/me/history.js';
import { stageOf } from '../../domain/me/stage.js';
import { ruleSetAt } from '../../domain/scoring/rule-set.js';
import { neighbourhood } from '../../domain/standings/ranking.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { OrgDirectory } from '../org/org.directory.js';
import { RuleBook } from '../rules/rule-book.js';
import { StandingsService } from '../standings/standings.service.js';

const RECENT = 20;

/** An employee's own numbers for the phone: today, this month, their place and their team's. */
@Injectable()
export class MeService {
  constructor(
    private readonly db: Database,
    private readonly org: OrgDirectory,
    private readonly ledger: LedgerReader,
    private readonly rules: RuleBook,
    private readonly standings: StandingsService,
    private readonly time: OfficeTime,
  ) {}

  /**
   * An employee's awards by office day, newest first: `days` days that have any, before the office
   * date `before` (absent: up to the end of today). Each day is read whole, so a day never splits
   * across pages.
   */
  history(employeeId: string, days: number, before?: string): Promise<MeHistory> {
    const zone = this.time.timeZone;
    return this.db.read(async (em) => {
      if (!(await this.org.findEmployee(em, employeeId))) throw DomainError.notFound('Employee', employeeId);
      let cutoff = (before ? this.time.day(before).start : this.time.day(this.time.today()).end).toISOString();
      const out: MeHistoryDay[] = [];
      for (let i = 0; i < days; i++) {
        const last = await this.ledger.lastAwardAt(em, employeeId, cutoff);
        if (!last) return { days: out, before: null };
        const range = this.time.day(awardDay({ occurredAt: last }, zone));
        out.push(...groupByDay(await this.ledger.namedAwardsOf(em, employeeId, range.start.toISOString(), range.end.toISOString()), zone));
        cutoff = range.start.toISOString();
      }
      const more = await this.ledger.lastAwardAt(em, employeeId, cutoff);
      return { days: out, before: more ? (out.at(-1)?.date ?? null) : null };
    });
  }

  async summary(employeeId: string): Promise<MeSummary> {
    const now = this.time.now();
    const today = this.time.today();
    const { start, end } = this.time.day(today);
    const base = await this.db.read(async (em) => {
      const employee = await this.org.findEmployee(em, employeeId);
      if (!employee) throw DomainError.notFound('Employee', employeeId);
      const rules = ruleSetAt(await this.rules.ruleSets(em), now.toISOString()).telemarketer;
      const events = await this.ledger.eventsOfEmployeesSince(em, [employeeId], start.toISOString());
      const calls = successfulCalls(events, employeeId, rules.successfulCallSec, start.toISOString(), end.toISOString());
      const points = await this.ledger.pointsOf(em, employeeId, start.toISOString(), end.toISOString());
      const recentAwards = await this.ledger.recentAwardsOf(em, employeeId, RECENT);
      const month = this.time.period('month', today);
      const monthEvents = (await this.ledger.eventsOfEmployeesSince(em, [employeeId], month.start)).filter((e) => e.occurredAt < month.end);
      const stage = stageOf(
        employee.role,
        monthEvents,
        await this.ledger.awardsOf(em, employeeId, month.start, month.end),
        rules.successfulCallSec,
      );
      return {
        employee,
        today: {
          date: today,
          points,
          calls,
          norm: rules.dailyNorm,
          minCallSeconds: rules.successfulCallSec,
        },
        recentAwards,
        stage,
      };
    });
    const [roleBoard, teamBoard] = await Promise.all([
      this.standings.board(base.employee.role, 'month', today),
      this.standings.board('teams', 'month', today),
    ]);
    const mine = roleBoard.rows.find((r) => r.id === employeeId);
    const teamRow = teamBoard.rows.find((r) => r.members?.some((m) => m.employeeId === employeeId));
    return {
      employee: {
        id: base.employee.id,
        name: base.employee.name,
        role: base.employee.role,
        teamId: teamRow?.id ?? null,
        teamName: teamRow?.name ?? null,
        photoUrl: photoUrlOf(base.employee.photoId),
      },
      today: base.today,
      period: { period: 'month', key: roleBoard.key, points: mine?.points ?? 0 },
      rank: {
        rank: mine?.rank ?? roleBoard.rows.length + 1,
        of: roleBoard.rows.length,
        around: neighbourhood(roleBoard.rows, employeeId).map((r) => ({
          id: r.id,
          name: r.name,
          points: r.points,
          rank: r.rank,
          me: r.id === employeeId,
        })),
      },
      team: teamRow
        ? {
            id: teamRow.id,
            name: teamRow.name,
            rank: teamRow.rank,
            of: teamBoard.rows.length,
            points: teamRow.points,
            grade: teamRow.grade ?? null,
          }
        : null,
      recentAwards: base.recentAwards,
      stage: base.stage,
    };
  }
}
