import { Injectable } from '@nestjs/common';
import type { PeriodKind } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import type { TargetScope, TeamAwardPoint } from '../../domain/scoring/team-target.js';
import { LedgerEntryEntity, StandingAwardEntity } from './ledger.entities.js';
import { TeamTargetEntity } from './team-target.entity.js';

/** All database access for team targets and the team awards they are measured against. */
@Injectable()
export class TargetsRepository {
  async any(em: EntityManager): Promise<boolean> {
    return (await em.count(TeamTargetEntity)) > 0;
  }

  /** Which of these (team, period) pairs have a target. */
  async existing(em: EntityManager, scopes: readonly TargetScope[]): Promise<(TargetScope & { points: number })[]> {
    if (scopes.length === 0) return [];
    const teams = [...new Set(scopes.map((s) => s.teamId))];
    const rows = await em.createQueryBuilder(TeamTargetEntity, 't').where('t.team_id IN (:...teams)', { teams }).getMany();
    const wanted = new Set(scopes.map((s) => `${s.teamId}|${s.period}|${s.periodKey}`));
    return rows
      .filter((r) => wanted.has(`${r.teamId}|${r.period}|${r.periodKey}`))
      .map((r) => ({ teamId: r.teamId, period: r.period as PeriodKind, periodKey: r.periodKey, points: Number(r.points) }));
  }

  async list(em: EntityManager, period: PeriodKind, periodKey: string): Promise<TeamTargetEntity[]> {
    return em.find(TeamTargetEntity, { where: { period, periodKey }, order: { teamId: 'ASC' } });
  }

  async put(em: EntityManager, s: TargetScope, points: number | null, at: string): Promise<void> {
    if (points === null) await em.delete(TeamTargetEntity, { teamId: s.teamId, period: s.period, periodKey: s.periodKey });
    else await em.save(TeamTargetEntity, { teamId: s.teamId, period: s.period, periodKey: s.periodKey, points, updatedAt: at });
  }

  /** The awards standing for a team in [from, to), except target bonuses. */
  async standingTeamAwards(em: EntityManager, teamId: string, from: string, to: string): Promise<TeamAwardPoint[]> {
    const rows = await em
      .createQueryBuilder(StandingAwardEntity, 's')
      .innerJoin(LedgerEntryEntity, 'l', 'l.id = s.entry_id')
      .select(['s.award_key AS "key"', 'l.event_id AS "eventId"', 'l.occurred_at AS "occurredAt"', 'l.points AS "points"'])
      .where('l.team_id = :teamId', { teamId })
      .andWhere('l.occurred_at >= :from AND l.occurred_at < :to', { from, to })
      .andWhere("l.rule <> 'team.target_reached'")
      .getRawMany<TeamAwardPoint>();
    return rows.map((r) => ({ ...r, points: Number(r.points) }));
  }

  /** When the target bonus of a scope stands, the instant it was reached. */
  async reachedAt(em: EntityManager, scopeKey: string): Promise<string | null> {
    const row = await em
      .createQueryBuilder(StandingAwardEntity, 's')
      .innerJoin(LedgerEntryEntity, 'l', 'l.id = s.entry_id')
      .select('l.occurred_at', 'occurredAt')
      .where('s.scope_key = :scopeKey', { scopeKey })
      .getRawOne<{ occurredAt: string }>();
    return row?.occurredAt ?? null;
  }
}
