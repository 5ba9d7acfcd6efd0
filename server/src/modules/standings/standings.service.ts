import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  photoUrlOf,
  type Award,
  type Board,
  type ImprovedRow,
  type PeriodKind,
  type PeriodRange,
  type Role,
  type StandingsMember,
  type StandingsRow,
} from '@conveyor/shared';
import { previousPeriod } from '../../domain/periods/closing.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { rankRows } from '../../domain/standings/ranking.js';
import { gradeStatus } from '../../domain/grades/grades.js';
import { GradeBook } from '../grades/grade-book.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { OrgDirectory } from '../org/org.directory.js';

/** A board for one period, before a version is stamped on it. */
export interface BoardState extends PeriodRange {
  board: Board;
  at: string;
  rows: StandingsRow[];
}

/** Reads ranked standings from the running totals and the roster. */
@Injectable()
export class StandingsService {
  constructor(
    private readonly db: Database,
    private readonly ledger: LedgerReader,
    private readonly org: OrgDirectory,
    private readonly grades: GradeBook,
    private readonly time: OfficeTime,
  ) {}

  /** Today in the office. */
  today(): string {
    return this.time.today();
  }

  period(kind: PeriodKind, at: string): PeriodRange {
    return this.time.period(kind, at);
  }

  /**
   * Every active member of the board, plus anyone who scored in the period, ranked. `points`
   * replaces the running totals (a preview's replayed points per employee or team id).
   */
  board(board: Board, kind: PeriodKind, at: string = this.today(), points?: Map<string, number>): Promise<BoardState> {
    return this.db.read((em) => this.boardIn(em, board, kind, at, points));
  }

  /** The same, inside the caller's transaction (closing a period freezes boards as it decides winners). */
  async boardIn(em: EntityManager, board: Board, kind: PeriodKind, at: string, points?: Map<string, number>): Promise<BoardState> {
    const range = this.period(kind, at);
    const rows = await (async (): Promise<Omit<StandingsRow, 'rank'>[]> => {
      const subjectType = board === 'teams' ? 'team' : 'employee';
      const [totals, employees, memberships] = await Promise.all([
        points ?? this.ledger.totals(em, kind, range.key, subjectType),
        this.org.listEmployees(em),
        this.org.currentMemberships(em),
      ]);
      const employeeById = new Map(employees.map((e) => [e.id, e]));
      if (board === 'teams') {
        const teams = await this.org.listTeams(em);
        const members = new Map<string, StandingsMember[]>();
        for (const m of memberships) {
          const person = employeeById.get(m.employeeId);
          if (!person) continue;
          members.set(m.teamId, [
            ...(members.get(m.teamId) ?? []),
            { employeeId: person.id, name: person.name, role: m.role, photoUrl: photoUrlOf(person.photoId) },
          ]);
        }
        const roleOrder: Record<Role, number> = { telemarketer: 0, sales: 1, account: 2 };
        const ladder = await this.grades.ladder(em);
        const windowKey = this.period(ladder.window, at).key;
        const windowTotals = !points && ladder.window === kind ? totals : await this.ledger.totals(em, ladder.window, windowKey, 'team');
        return teams
          .filter((t) => t.active || totals.has(t.id))
          .map((t) => ({
            id: t.id,
            name: t.name,
            points: totals.get(t.id) ?? 0,
            photoUrl: photoUrlOf(t.photoId),
            members: (members.get(t.id) ?? []).sort((a, b) => roleOrder[a.role] - roleOrder[b.role]),
            grade: gradeStatus(windowTotals.get(t.id) ?? 0, ladder, windowKey),
          }));
      }
      const teams = new Map((await this.org.listTeams(em)).map((t) => [t.id, t]));
      const teamOf = new Map(memberships.map((m) => [m.employeeId, m.teamId]));
      return employees
        .filter((e) => (board === 'employees' || e.role === board) && (e.active || totals.has(e.id)))
        .map((e) => {
          const teamId = teamOf.get(e.id) ?? null;
          return {
            id: e.id,
            name: e.name,
            points: totals.get(e.id) ?? 0,
            photoUrl: photoUrlOf(e.photoId),
            role: e.role,
            teamId,
            teamName: teamId ? (teams.get(teamId)?.name ?? null) : null,
          };
        });
    })();
    return { board, at, ...range, rows: rankRows(rows) };
  }

  /**
   * People gaining the most on their own pace: points this period so far against the previous
   * period over the same elapsed time. Only gains are listed, so nobody is named for falling back.
   */
  async improved(kind: PeriodKind, limit: number): Promise<ImprovedRow[]> {
    const now = this.time.now();
    const current = this.period(kind, this.today());
    const previous = previousPeriod(kind, now, this.time.timeZone);
    const elapsed = now.getTime() - Date.parse(current.start);
    const previousTo = new Date(Math.min(Date.parse(previous.end), Date.parse(previous.start) + elapsed)).toISOString();
    return this.db.read(async (em) => {
      const [points, before, employees, memberships, teams] = await Promise.all([
        this.ledger.totals(em, kind, current.key, 'employee'),
        this.ledger.ledgerSums(em, previous.start, previousTo, 'employee'),
        this.org.listEmployees(em),
        this.org.currentMemberships(em),
        this.org.listTeams(em),
      ]);
      const teamOf = new Map(memberships.map((m) => [m.employeeId, m.teamId]));
      const teamName = new Map(teams.map((t) => [t.id, t.name]));
      return employees
        .filter((e) => e.active)
        .map((e) => {
          const now = points.get(e.id) ?? 0;
          const was = before.get(e.id) ?? 0;
          const team = teamOf.get(e.id);
          return {
            id: e.id,
            name: e.name,
            role: e.role,
            teamName: team ? (teamName.get(team) ?? null) : null,
            points: now,
            previous: was,
            gain: now - was,
          };
        })
        .filter((r) => r.gain > 0)
        .sort((a, b) => b.gain - a.gain || a.name.localeCompare(b.name))
        .slice(0, limit);
    });
  }

  recentAwards(limit: number): Promise<Award[]> {
    return this.db.read((em) => this.ledger.recentAwards(em, limit));
  }
}
