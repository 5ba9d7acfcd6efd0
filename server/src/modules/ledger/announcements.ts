import { Injectable } from '@nestjs/common';
import type { ActivityEvent, GradeChanged, GradeLadder, Moment, MomentPerson } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { gradeRank, gradeStatus } from '../../domain/grades/grades.js';
import { paymentNews } from '../../domain/moments/payment-news.js';
import { periodKeysOf } from '../../domain/periods/periods.js';
import { CURRENCY } from '../../domain/scoring/award.js';
import { RULES } from '../../domain/scoring/rule-set.js';
import { targetScopeOfKey } from '../../domain/scoring/team-target.js';
import { GradeBook } from '../grades/grade-book.js';
import { MomentsService } from '../moments/moments.service.js';
import type { LoadedContext } from './context.loader.js';
import type { LedgerEntryEntity } from './ledger.entities.js';
import { LedgerQueries } from './ledger.queries.js';
import { TargetsRepository } from './targets.repository.js';

/**
 * The news that appended entries make, recorded as numbered moments in the ledger's transaction so
 * each is announced exactly once: a team's grade changing, a target newly reached, a new client, a
 * renewal, a big payment.
 */
@Injectable()
export class Announcements {
  constructor(
    private readonly ledger: LedgerQueries,
    private readonly targets: TargetsRepository,
    private readonly grades: GradeBook,
    private readonly moments: MomentsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Grade changes and targets newly reached by these entries. */
  async of(em: EntityManager, entries: readonly LedgerEntryEntity[], ctx: LoadedContext): Promise<Moment[]> {
    const moments = await this.recordGrades(em, await this.regrade(em, entries, ctx));
    moments.push(...(await this.targetsReached(em, entries, ctx)));
    return moments;
  }

  /**
   * Compares each touched team's grade in the window with the grade it held, records the new one
   * and reports the change: in the ledger's transaction, so each crossing is announced once.
   */
  async regrade(
    em: EntityManager,
    entries: readonly { teamId: string | null; occurredAt: string }[],
    ctx: LoadedContext,
    ladderOverride?: GradeLadder,
  ): Promise<GradeChanged[]> {
    const ladder = ladderOverride ?? ctx.ladder;
    const windows = new Map<string, Set<string>>();
    for (const e of entries) {
      if (!e.teamId) continue;
      const key = periodKeysOf(new Date(e.occurredAt), this.config.timeZone)[ladder.window];
      windows.set(key, (windows.get(key) ?? new Set()).add(e.teamId));
    }
    const now = this.clock.now().toISOString();
    const changes: GradeChanged[] = [];
    for (const [windowKey, teams] of windows) {
      const [totals, held] = await Promise.all([
        this.ledger.totals(em, ladder.window, windowKey, 'team'),
        this.grades.held(em, [...teams], windowKey),
      ]);
      for (const teamId of teams) {
        const points = totals.get(teamId) ?? 0;
        const to = gradeStatus(points, ladder, windowKey).grade;
        const from = held.get(teamId) ?? null;
        if (to === from) continue;
        await this.grades.hold(em, teamId, windowKey, to, now);
        changes.push({
          teamId,
          teamName: ctx.teamName(teamId),
          windowKey,
          from,
          to,
          up: gradeRank(to, ladder) > gradeRank(from, ladder),
          points,
          at: now,
        });
      }
    }
    return changes;
  }

  async recordGrades(em: EntityManager, changes: readonly GradeChanged[]): Promise<Moment[]> {
    const out: Moment[] = [];
    for (const change of changes) out.push(await this.moments.record(em, 'grade.changed', change, change.at));
    return out;
  }

  /**
   * A payment is news once, when it first arrives (not when history is re-scored): a client's first
   * payment (a new client) or its renewal, read from the client's history, then a big payment.
   */
  async paymentNews(
    em: EntityManager,
    events: readonly ActivityEvent[],
    entries: readonly LedgerEntryEntity[],
    ctx: LoadedContext,
    historyOf: (clientId: string) => readonly ActivityEvent[],
  ): Promise<Moment[]> {
    const payments = events.filter((e) => e.type === 'payment.received');
    if (payments.length === 0) return [];
    const names = await this.ledger.clientNames(em, [...new Set(payments.map((e) => e.clientId))]);
    const news = new Map(payments.map((e) => [e.id, paymentNews(historyOf(e.clientId), e.id, ctx)]));
    const scored = (e: ActivityEvent): string[] => [
      ...new Set(entries.flatMap((x) => (x.eventId === e.id && x.employeeId && x.points > 0 ? [x.employeeId] : []))),
    ];
    const big = (e: Extract<ActivityEvent, { type: 'payment.received' }>): boolean => ctx.bigPayment > 0 && e.amount >= ctx.bigPayment;
    const faces = [...news.values()].flatMap((n) => n?.people ?? []).concat(payments.filter(big).flatMap(scored));
    const photos = await this.moments.photos(em, [...new Set(faces)]);
    const person = (id: string, at: string): MomentPerson => this.person(id, at, ctx, photos.get(id) ?? null);
    const now = this.clock.now().toISOString();
    const out: Moment[] = [];
    for (const e of payments) {
      const what = news.get(e.id);
      if (what) {
        const data = {
          eventId: e.id,
          clientId: e.clientId,
          client: names.get(e.clientId) ?? null,
          amount: e.amount,
          currency: CURRENCY,
          people: what.people.map((id) => person(id, e.occurredAt)),
          occurredAt: e.occurredAt,
          at: now,
        };
        out.push(await this.moments.record(em, what.kind, data, now));
      }
      if (!big(e)) continue;
      const data = {
        eventId: e.id,
        clientId: e.clientId,
        client: names.get(e.clientId) ?? e.clientId,
        amount: e.amount,
        currency: CURRENCY,
        people: scored(e).map((id) => person(id, e.occurredAt)),
        occurredAt: e.occurredAt,
        at: now,
      };
      out.push(await this.moments.record(em, 'payment.big', data, now));
    }
    return out;
  }

  /** A person as a moment's card shows them: name, role, team at the event and photo. */
  private person(id: string, at: string, ctx: LoadedContext, photoUrl: string | null): MomentPerson {
    const team = ctx.teamAt(id, at);
    const role = ctx.roleOf(id);
    return {
      employeeId: id,
      name: ctx.employee(id)?.name ?? id,
      ...(role ? { role } : {}),
      teamName: team ? ctx.teamName(team) : null,
      photoUrl,
    };
  }

  /** A target bonus appended without one being reversed in the same go: the target was newly reached. */
  private async targetsReached(em: EntityManager, entries: readonly LedgerEntryEntity[], ctx: LoadedContext): Promise<Moment[]> {
    const bonuses = entries.filter((e) => e.rule === RULES.targetReached);
    if (bonuses.length === 0) return [];
    const reversed = new Set(bonuses.filter((e) => e.reversesId !== null).map((e) => e.awardKey));
    const now = this.clock.now().toISOString();
    const out: Moment[] = [];
    for (const e of bonuses) {
      if (e.reversesId !== null || reversed.has(e.awardKey)) continue;
      const scope = targetScopeOfKey(e.awardKey);
      if (!scope) continue;
      const [target] = await this.targets.existing(em, [scope]);
      const data = {
        teamId: scope.teamId,
        teamName: ctx.teamName(scope.teamId),
        period: scope.period,
        key: scope.periodKey,
        target: target?.points ?? 0,
        reachedAt: e.occurredAt,
        at: now,
      };
      out.push(await this.moments.record(em, 'target.reached', data, now));
    }
    return out;
  }
}
