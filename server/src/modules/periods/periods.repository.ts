import { Injectable } from '@nestjs/common';
import type { Board, EarnedGrade, PeriodKind, PeriodRange, Reward, RewardGrant } from '@conveyor/shared';
import { In, type EntityManager } from 'typeorm';
import { chunks } from '../../database/database.js';
import { z } from 'zod';
import { SettingsStore } from '../settings/settings.store.js';
import { EarnedGradeEntity, PeriodResultEntity, PostponementEntity, RewardEntity, RewardGrantEntity } from './periods.entities.js';

const CLOSING_KEY = 'closing';
const ClosingSettingSchema = z.object({ graceHours: z.number() });

/** All database access for rewards, closed periods, grants, earned grades and postponements. */
@Injectable()
export class PeriodsRepository {
  constructor(private readonly settings: SettingsStore) {}

  // ---- rewards ----

  async rewards(em: EntityManager, period?: PeriodKind): Promise<Reward[]> {
    const rows = await em.find(RewardEntity, { where: period ? { period } : {}, order: { period: 'ASC', board: 'ASC', place: 'ASC' } });
    return rows.map(toReward);
  }

  async reward(em: EntityManager, id: string): Promise<Reward | null> {
    const row = await em.findOneBy(RewardEntity, { id });
    return row ? toReward(row) : null;
  }

  /** The reward holding a place, if any (places are unique per period kind and board). */
  async rewardAt(em: EntityManager, period: PeriodKind, board: Board, place: number): Promise<Reward | null> {
    const row = await em.findOneBy(RewardEntity, { period, board, place });
    return row ? toReward(row) : null;
  }

  async saveReward(em: EntityManager, reward: Reward): Promise<void> {
    await em.save(RewardEntity, { ...reward });
  }

  async deleteReward(em: EntityManager, id: string): Promise<void> {
    await em.delete(RewardEntity, { id });
  }

  // ---- closing ----

  async graceHours(em: EntityManager, fallback: number): Promise<number> {
    return (await this.settings.read(em, CLOSING_KEY, ClosingSettingSchema, { graceHours: fallback })).graceHours;
  }

  async setGraceHours(em: EntityManager, graceHours: number, at: string): Promise<void> {
    await this.settings.write(em, CLOSING_KEY, { graceHours }, at);
  }

  async closedKeys(em: EntityManager): Promise<Set<string>> {
    const rows = await em.find(PeriodResultEntity, { select: { periodKey: true } });
    return new Set(rows.map((r) => r.periodKey));
  }

  async postponements(em: EntityManager): Promise<Map<string, string>> {
    return new Map((await em.find(PostponementEntity)).map((r) => [r.periodKey, r.until]));
  }

  async postpone(em: EntityManager, key: string, until: string, at: string): Promise<void> {
    await em.save(PostponementEntity, { periodKey: key, until, updatedAt: at });
  }

  /**
   * Claims a period for closing: the first statement of the closing transaction, so it takes the
   * write lock before reading anything. The period's primary key lets only one claim in, whichever
   * process or restart tries; `claim` tells this attempt's row from an earlier one.
   */
  async claim(em: EntityManager, range: PeriodRange, closedAt: string, closedBy: string, claim: string): Promise<boolean> {
    const [sql, params] = em.connection.driver.escapeQueryWithParameters(
      `INSERT INTO period_results (period_key, period, start, "end", closed_at, closed_by, last_entry_id, standings, grades)
       VALUES (:key, :period, :start, :end, :closedAt, :closedBy, 0, :claim, '[]') ON CONFLICT (period_key) DO NOTHING`,
      { key: range.key, period: range.period, start: range.start, end: range.end, closedAt, closedBy, claim },
      {},
    );
    await em.query(sql, params);
    const row = await em.findOne(PeriodResultEntity, { where: { periodKey: range.key }, select: { standings: true } });
    return row?.standings === claim;
  }

  async completeResult(
    em: EntityManager,
    key: string,
    fields: Pick<PeriodResultEntity, 'lastEntryId' | 'standings' | 'grades'>,
  ): Promise<void> {
    await em.update(PeriodResultEntity, { periodKey: key }, fields);
  }

  async result(em: EntityManager, key: string): Promise<PeriodResultEntity | null> {
    return em.findOneBy(PeriodResultEntity, { periodKey: key });
  }

  /** Closed periods' headers (no frozen standings), by key. */
  async resultHeaders(
    em: EntityManager,
    keys: readonly string[],
  ): Promise<Map<string, Pick<PeriodResultEntity, 'periodKey' | 'closedAt' | 'closedBy'>>> {
    const out = new Map<string, Pick<PeriodResultEntity, 'periodKey' | 'closedAt' | 'closedBy'>>();
    for (const part of chunks(keys, 500)) {
      const rows = await em.find(PeriodResultEntity, {
        where: { periodKey: In(part) },
        select: { periodKey: true, closedAt: true, closedBy: true },
      });
      for (const r of rows) out.set(r.periodKey, r);
    }
    return out;
  }

  // ---- grants ----

  async insertGrants(em: EntityManager, grants: readonly RewardGrant[]): Promise<void> {
    for (const part of chunks(grants, 50)) await em.insert(RewardGrantEntity, part.map(fromGrant));
  }

  async grantsOf(em: EntityManager, keys: readonly string[]): Promise<RewardGrant[]> {
    const out: RewardGrant[] = [];
    for (const part of chunks(keys, 500))
      out.push(
        ...(await em.find(RewardGrantEntity, { where: { periodKey: In(part) }, order: { board: 'ASC', place: 'ASC' } })).map(toGrant),
      );
    return out;
  }

  async grant(em: EntityManager, id: string): Promise<RewardGrant | null> {
    const row = await em.findOneBy(RewardGrantEntity, { id });
    return row ? toGrant(row) : null;
  }

  async handOut(em: EntityManager, id: string, at: string): Promise<void> {
    await em.update(RewardGrantEntity, { id }, { handedOutAt: at });
  }

  /** The latest grants, for the hall of fame. */
  async latestGrants(em: EntityManager, limit: number): Promise<RewardGrant[]> {
    const rows = await em.find(RewardGrantEntity, {
      order: { grantedAt: 'DESC', periodKey: 'DESC', board: 'ASC', place: 'ASC' },
      take: limit,
    });
    return rows.map(toGrant);
  }

  // ---- earned grades ----

  async insertEarnedGrades(em: EntityManager, rows: readonly EarnedGrade[]): Promise<void> {
    for (const part of chunks(rows, 50))
      await em.insert(
        EarnedGradeEntity,
        part.map((r) => ({ ...r })),
      );
  }

  async earnedGrades(em: EntityManager, employeeId: string): Promise<EarnedGrade[]> {
    const rows = await em.find(EarnedGradeEntity, { where: { employeeId }, order: { windowKey: 'DESC' } });
    return rows.map((r) => ({
      employeeId: r.employeeId,
      windowKey: r.windowKey,
      teamId: r.teamId,
      teamName: r.teamName,
      grade: r.grade,
      points: Number(r.points),
      recordedAt: r.recordedAt,
    }));
  }
}

function toReward(r: RewardEntity): Reward {
  return {
    id: r.id,
    period: r.period as PeriodKind,
    board: r.board as Board,
    place: Number(r.place),
    title: r.title,
    description: r.description,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toGrant(r: RewardGrantEntity): RewardGrant {
  return {
    id: r.id,
    period: r.period as PeriodKind,
    key: r.periodKey,
    rewardId: r.rewardId,
    board: r.board as Board,
    place: Number(r.place),
    title: r.title,
    description: r.description,
    subjectType: r.subjectType as 'team' | 'employee',
    subjectId: r.subjectId,
    subjectName: r.subjectName,
    points: Number(r.points),
    status: r.handedOutAt ? 'handed_out' : 'granted',
    grantedAt: r.grantedAt,
    handedOutAt: r.handedOutAt,
  };
}

function fromGrant(g: RewardGrant): RewardGrantEntity {
  return Object.assign(new RewardGrantEntity(), {
    id: g.id,
    periodKey: g.key,
    period: g.period,
    rewardId: g.rewardId,
    board: g.board,
    place: g.place,
    title: g.title,
    description: g.description,
    subjectType: g.subjectType,
    subjectId: g.subjectId,
    subjectName: g.subjectName,
    points: g.points,
    grantedAt: g.grantedAt,
    handedOutAt: g.handedOutAt,
  });
}
