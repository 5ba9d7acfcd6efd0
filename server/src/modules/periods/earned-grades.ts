import { Injectable } from '@nestjs/common';
import { ROLES, type EarnedTeamGrade, type PeriodRange, type Standings } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { gradeStatus } from '../../domain/grades/grades.js';
import { memberAt } from '../../domain/org/membership-plan.js';
import { GradeBook } from '../grades/grade-book.js';
import { OrgDirectory } from '../org/org.directory.js';
import { PeriodsRepository } from './periods.repository.js';

/**
 * When a closing period is the ladder's window, each team's grade at close is earned by everyone
 * who was on the team at the period's last instant.
 */
@Injectable()
export class EarnedGrades {
  constructor(
    private readonly periods: PeriodsRepository,
    private readonly grades: GradeBook,
    private readonly org: OrgDirectory,
  ) {}

  async record(em: EntityManager, range: PeriodRange, teamRows: Standings['rows'], recordedAt: string): Promise<EarnedTeamGrade[]> {
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
}
