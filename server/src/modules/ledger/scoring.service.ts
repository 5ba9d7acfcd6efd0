import { Injectable } from '@nestjs/common';
import {
  PERIOD_KINDS,
  type ActivityEvent,
  type Award,
  type GradeChanged,
  type GradeLadder,
  type Moment,
  type Role,
} from '@conveyor/shared';
import { MomentsRepository } from '../live/moments.repository.js';
import { WallRepository } from '../wall/wall.repository.js';
import { gradeRank, gradeStatus } from '../../domain/grades/grades.js';
import { GradesRepository } from '../grades/grades.repository.js';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { diffAwards } from '../../domain/ledger/award-diff.js';
import { planRescore, reversal, scopesOfEvents, totalDeltas, type EntryDraft, type ScopeSource } from '../../domain/ledger/rescore.js';
import { periodKeysOf, periodOfDate } from '../../domain/periods/periods.js';
import { scoreTeamTarget, targetScopeKey, targetScopeOfKey, type TargetScope } from '../../domain/scoring/team-target.js';
import { TargetsRepository } from '../targets/targets.repository.js';
import { memberAt, teamAt, type MembershipRow } from '../../domain/org/membership-plan.js';
import { RULES, ruleSetAt, type RuleSet } from '../../domain/scoring/rule-set.js';
import { RulesRepository } from '../rules/rules.repository.js';
import type { ScopeHistoryQuery, ScoringContext, ScoringEmployee } from '../../domain/scoring/scoring.js';
import { OrgRepository } from '../org/org.repository.js';
import { LedgerEntryEntity, StandingAwardEntity } from './ledger.entities.js';
import { LedgerRepository, toAward } from './ledger.repository.js';

export interface Appended {
  awards: Award[];
  roles: Record<string, Role>;
  /** Grade changes and targets reached with these entries, recorded and numbered. */
  moments: Moment[];
}

/**
 * Turns events into ledger entries: finds the scopes the events touch, scores each scope from its
 * whole history, and appends the difference to what the ledger holds, with the running totals, in
 * the caller's transaction.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly org: OrgRepository,
    private readonly rules: RulesRepository,
    private readonly targets: TargetsRepository,
    private readonly grades: GradesRepository,
    private readonly moments: MomentsRepository,
    private readonly wall: WallRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The organisation, rules and ladder as of the last change, for the ingest path: five queries a
   * transaction otherwise. Every write that changes them calls `forgetContext()` in its transaction.
   */
  private cached: LoadedContext | null = null;

  forgetContext(): void {
    this.cached = null;
  }

  /**
   * Re-scores every scope the events touch; `cause` explains any reversal it writes. Ingest passes
   * `fresh`: the events were just stored and are not voided (a single-event scope's history is the
   * event itself), and nothing ingest does changes people, teams, rules, targets or the ladder.
   */
  async rescoreEvents(em: EntityManager, events: readonly ActivityEvent[], cause = 'recalculated', fresh = false): Promise<Appended> {
    if (events.length === 0) return { awards: [], roles: {}, moments: [] };
    const ctx = fresh ? (this.cached ??= await this.context(em)) : await this.context(em);
    const known = new Map(fresh ? events.map((e) => [e.id, e]) : []);
    const source: ScopeSource = {
      histories: async (queries) => {
        const inMemory = (q: ScopeHistoryQuery): ActivityEvent | undefined => (q.kind === 'event' ? known.get(q.eventId) : undefined);
        const loaded = await this.ledger.histories(
          em,
          queries.filter((q) => !inMemory(q)),
        );
        return queries.map((q) => {
          const event = inMemory(q);
          return event ? [event] : loaded.shift()!;
        });
      },
      standing: (keys) => this.ledger.standingAwards(em, keys),
    };
    const entries = await this.append(em, await planRescore(scopesOfEvents(events, ctx), source, ctx, cause, events));
    entries.push(...(await this.rescoreTargets(em, ctx, targetScopesOf(entries, this.config.timeZone), cause)));
    const appended = await this.appended(em, entries, ctx);
    // A big payment is news once: when it first arrives, not when history is re-scored.
    if (fresh) appended.moments.push(...(await this.recordBigPayments(em, events, entries, ctx)));
    return appended;
  }

  private async recordBigPayments(
    em: EntityManager,
    events: readonly ActivityEvent[],
    entries: readonly LedgerEntryEntity[],
    ctx: LoadedContext,
  ): Promise<Moment[]> {
    if (ctx.bigPayment <= 0) return [];
    const out: Moment[] = [];
    const now = this.clock.now().toISOString();
    for (const e of events) {
      if (e.type !== 'payment.received' || e.amount < ctx.bigPayment) continue;
      const people = [...new Set(entries.filter((x) => x.eventId === e.id && x.employeeId && x.points > 0).map((x) => x.employeeId!))];
      const data = {
        eventId: e.id,
        clientId: e.clientId,
        amount: e.amount,
        people: people.map((id) => ({ employeeId: id, name: ctx.employee(id)?.name ?? id })),
        occurredAt: e.occurredAt,
        at: now,
      };
      out.push(await this.moments.record(em, 'payment.big', data, now));
    }
    return out;
  }

  /**
   * Re-scores team-target bonuses after a team's awards changed (only periods with a target are
   * looked at) or after a target itself changed (`changed`: the scope is re-scored even without one).
   */
  async rescoreTargets(
    em: EntityManager,
    ctx: LoadedContext,
    scopes: readonly TargetScope[],
    cause: string,
    changed = false,
  ): Promise<LedgerEntryEntity[]> {
    if (!changed && !ctx.hasTargets) return [];
    const unique = [...new Map(scopes.map((s) => [targetScopeKey(s), s])).values()];
    const targets = new Map((await this.targets.existing(em, unique)).map((t) => [targetScopeKey(t), t.points]));
    const drafts: EntryDraft[] = [];
    for (const scope of unique) {
      const key = targetScopeKey(scope);
      const target = targets.get(key) ?? null;
      if (target === null && !changed) continue;
      const range = periodOfDate(scope.period, periodStartDate(scope), this.config.timeZone);
      const desired =
        target === null
          ? []
          : scoreTeamTarget(
              scope,
              await this.targets.standingTeamAwards(em, scope.teamId, range.start, range.end),
              target,
              ctx.rulesAt,
              ctx.teamName(scope.teamId),
            );
      const diff = diffAwards(desired, await this.ledger.standingAwards(em, [key]));
      drafts.push(...diff.reverse.map((have) => reversal(have, cause)), ...diff.add.map((want) => ({ ...want, reverses: null })));
    }
    return this.append(em, drafts);
  }

  /** Appends drafts with fresh ids, moves the standing awards, and adds to the running totals. */
  private async append(em: EntityManager, drafts: readonly EntryDraft[]): Promise<LedgerEntryEntity[]> {
    if (drafts.length === 0) return [];
    const now = this.clock.now().toISOString();
    let nextId = (await this.ledger.lastEntryId(em)) + 1;
    const entries = drafts.map((d) =>
      Object.assign(new LedgerEntryEntity(), {
        id: nextId++,
        eventId: d.eventId,
        awardKey: d.key,
        rule: d.rule,
        ruleVersion: d.ruleVersion,
        employeeId: d.employeeId,
        teamId: d.teamId,
        points: d.points,
        reason: d.reason,
        occurredAt: d.occurredAt,
        recordedAt: now,
        reversesId: d.reverses?.entryId ?? null,
      }),
    );
    const removed = drafts.filter((d) => d.reverses).map((d) => d.key);
    const put = entries.flatMap((e, i) =>
      drafts[i]!.reverses
        ? []
        : [Object.assign(new StandingAwardEntity(), { awardKey: e.awardKey, scopeKey: drafts[i]!.scopeKey, entryId: e.id })],
    );
    await this.ledger.appendEntries(em, entries);
    await this.ledger.setStanding(em, removed, put);
    await this.ledger.addToTotals(em, totalDeltas(entries, this.config.timeZone));
    return entries;
  }

  /**
   * What appended entries mean for live clients: the awards, the roles they touch, and the moments
   * they make (grade changes, targets newly reached), recorded in the same transaction.
   */
  async appended(em: EntityManager, entries: readonly LedgerEntryEntity[], ctx: LoadedContext): Promise<Appended> {
    const roles: Record<string, Role> = {};
    for (const e of entries) if (e.employeeId) roles[e.employeeId] = ctx.roleOf(e.employeeId) ?? 'telemarketer';
    const moments = await this.recordGrades(em, await this.regrade(em, entries, ctx));
    moments.push(...(await this.recordTargetsReached(em, entries, ctx)));
    return { awards: entries.map(toAward), roles, moments };
  }

  async recordGrades(em: EntityManager, changes: readonly GradeChanged[]): Promise<Moment[]> {
    const out: Moment[] = [];
    for (const change of changes) out.push(await this.moments.record(em, 'grade.changed', change, change.at));
    return out;
  }

  /** A target bonus appended without one being reversed in the same go: the target was newly reached. */
  private async recordTargetsReached(em: EntityManager, entries: readonly LedgerEntryEntity[], ctx: LoadedContext): Promise<Moment[]> {
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

  /** Re-scores everything some employees did from an instant on, after their team changed. */
  async reattribute(em: EntityManager, employeeIds: readonly string[], since: string): Promise<Appended> {
    return this.rescoreEvents(em, await this.ledger.eventsOfEmployeesSince(em, employeeIds, since), 'team membership changed');
  }

  /**
   * Everyone, every stint and every rule version: an office is small, and relay rules may reach
   * anyone. `rules` replaces the stored versions (for previews).
   */
  async context(em: EntityManager, rules?: RuleSet): Promise<LoadedContext> {
    const [employees, memberships, teams, versions, ladder, hasTargets, wall] = await Promise.all([
      this.org.listEmployees(em),
      this.org.allMemberships(em),
      this.org.listTeams(em),
      this.rules.ruleSets(em),
      this.grades.ladder(em),
      this.targets.any(em),
      this.wall.settings(em),
    ]);
    const byId = new Map<string, ScoringEmployee>(employees.map((e) => [e.id, { id: e.id, name: e.name, role: e.role }]));
    const names = new Map(teams.map((t) => [t.id, t.name]));
    const rows: MembershipRow[] = memberships;
    return {
      rulesAt: (at) => rules ?? ruleSetAt(versions, at),
      timeZone: this.config.timeZone,
      employee: (id) => byId.get(id),
      teamAt: (employeeId, at) => teamAt(rows, employeeId, at),
      memberAt: (teamId, role, at) => memberAt(rows, teamId, role, at),
      teamName: (id) => names.get(id) ?? id,
      roleOf: (id) => byId.get(id)?.role,
      ladder,
      hasTargets,
      bigPayment: wall.bigPayment,
    };
  }
}

export interface LoadedContext extends ScoringContext {
  roleOf(id: string): Role | undefined;
  ladder: GradeLadder;
  /** Whether any team target is set: without one, no target scope needs reading. */
  hasTargets: boolean;
  /** Payments of at least this amount are celebrated (0: never). */
  bigPayment: number;
}

/** The (team, period) pairs whose points these entries move. */
function targetScopesOf(entries: readonly LedgerEntryEntity[], timeZone: string): TargetScope[] {
  const out: TargetScope[] = [];
  for (const e of entries) {
    if (!e.teamId || e.rule === RULES.targetReached) continue;
    const keys = periodKeysOf(new Date(e.occurredAt), timeZone);
    for (const period of PERIOD_KINDS) out.push({ teamId: e.teamId, period, periodKey: keys[period] });
  }
  return out;
}

/** A date inside a period, from its key (`2026-11`, `2026-Q4`, `2026`). */
function periodStartDate(s: TargetScope): string {
  if (s.period === 'month') return `${s.periodKey}-01`;
  if (s.period === 'quarter') {
    const [year, q] = s.periodKey.split('-Q');
    return `${year}-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`;
  }
  return `${s.periodKey}-01-01`;
}
