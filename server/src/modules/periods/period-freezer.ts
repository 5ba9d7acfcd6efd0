import { Injectable } from '@nestjs/common';
import { BOARDS, type Board, type Moment, type PeriodClosed, type PeriodRange, type RewardGrant, type Standings } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { OfficeTime } from '../../core/office-time.js';
import { decideWinners, reachedAt, tiedIds, type ClosingBoard } from '../../domain/periods/closing.js';
import { localDate } from '../../domain/periods/zoned-time.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { MomentsService } from '../moments/moments.service.js';
import { StandingsService } from '../standings/standings.service.js';
import { EarnedGrades } from './earned-grades.js';
import { PeriodsRepository } from './periods.repository.js';

/**
 * Everything a closing writes after its claim, in the claim's transaction: every board frozen, the
 * winners of each reward (ties split by who got there first), grants, grades earned, and the
 * `period.closed` moment, announced once it commits.
 */
@Injectable()
export class PeriodFreezer {
  constructor(
    private readonly periods: PeriodsRepository,
    private readonly standings: StandingsService,
    private readonly ledger: LedgerReader,
    private readonly earned: EarnedGrades,
    private readonly moments: MomentsService,
    private readonly time: OfficeTime,
  ) {}

  async freeze(em: EntityManager, range: PeriodRange, closedAt: string, by: 'schedule' | 'manager'): Promise<Moment> {
    const at = localDate(new Date(range.start), this.time.timeZone);
    const boards = new Map<Board, Omit<Standings, 'version'>>();
    for (const board of BOARDS) boards.set(board, await this.standings.boardIn(em, board, range.period, at));

    const rewards = await this.periods.rewards(em, range.period);
    const contenders = new Map<Board, ClosingBoard>();
    for (const board of new Set(rewards.map((r) => r.board))) {
      const rows = boards.get(board)!.rows.map((r) => ({ id: r.id, name: r.name, points: r.points, reachedAt: null as string | null }));
      const tied = tiedIds(rows);
      const entries = await this.ledger.subjectEntries(em, board === 'teams' ? 'team' : 'employee', tied, range);
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

    const earned = await this.earned.record(em, range, boards.get('teams')!.rows, closedAt);
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
    const moment = await this.moments.record(em, 'period.closed', closed, closedAt);
    this.moments.announceAfterCommit(em, [moment]);
    return moment;
  }
}
