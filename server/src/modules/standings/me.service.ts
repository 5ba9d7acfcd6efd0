import { Injectable } from '@nestjs/common';
import type { MeSummary } from '@conveyor/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { dayRange, localDate } from '../../domain/periods/zoned-time.js';
import { ruleSetAt } from '../../domain/scoring/rule-set.js';
import { neighbourhood } from '../../domain/standings/ranking.js';
import { LedgerEntryEntity } from '../ledger/ledger.entities.js';
import { LedgerRepository, toAward } from '../ledger/ledger.repository.js';
import { OrgRepository } from '../org/org.repository.js';
import { RulesRepository } from '../rules/rules.repository.js';
import { StandingsService } from './standings.service.js';

const RECENT = 20;

/** An employee's own numbers for the phone: today, this month, their place and their team's. */
@Injectable()
export class MeService {
  constructor(
    private readonly db: Database,
    private readonly org: OrgRepository,
    private readonly ledger: LedgerRepository,
    private readonly rules: RulesRepository,
    private readonly standings: StandingsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async summary(employeeId: string): Promise<MeSummary> {
    const now = this.clock.now();
    const today = localDate(now, this.config.timeZone);
    const { start, end } = dayRange(today, this.config.timeZone);
    const base = await this.db.read(async (em) => {
      const employee = await this.org.findEmployee(em, employeeId);
      if (!employee) throw DomainError.notFound('Employee', employeeId);
      const rules = ruleSetAt(await this.rules.ruleSets(em), now.toISOString()).telemarketer;
      const entries = await em
        .createQueryBuilder(LedgerEntryEntity, 'l')
        .where('l.employee_id = :employeeId', { employeeId })
        .andWhere('l.occurred_at >= :start AND l.occurred_at < :end', { start: start.toISOString(), end: end.toISOString() })
        .getMany();
      const events = await this.ledger.eventsOfEmployeesSince(em, [employeeId], start.toISOString());
      const calls = events.filter(
        (e) => e.type === 'call' && e.occurredAt < end.toISOString() && (e.durationSec ?? 0) >= rules.successfulCallSec,
      ).length;
      const recent = await em.find(LedgerEntryEntity, { where: { employeeId }, order: { id: 'DESC' }, take: RECENT });
      return {
        employee,
        today: {
          date: today,
          points: entries.reduce((sum, e) => sum + Number(e.points), 0),
          calls,
          norm: rules.dailyNorm,
          minCallSeconds: rules.successfulCallSec,
        },
        recentAwards: recent.map(toAward),
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
    };
  }
}
