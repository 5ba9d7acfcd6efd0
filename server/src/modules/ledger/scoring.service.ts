import { Injectable } from '@nestjs/common';
import type { ActivityEvent, Award, Role } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { diffAwards, type StandingAward } from '../../domain/ledger/award-diff.js';
import { teamAt, type MembershipRow } from '../../domain/org/membership-plan.js';
import { periodKeysOf } from '../../domain/periods/periods.js';
import { DEFAULT_RULES } from '../../domain/scoring/rule-set.js';
import { historyQuery, scopeKey, scopesOf, scoreScope, type ScoringContext, type ScoringEmployee, type ScoringScope } from '../../domain/scoring/scoring.js';
import { OrgRepository } from '../org/org.repository.js';
import { LedgerEntryEntity, StandingAwardEntity } from './ledger.entities.js';
import { LedgerRepository, toAward, type TotalDelta } from './ledger.repository.js';

export interface Appended {
  awards: Award[];
  roles: Record<string, Role>;
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
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async rescoreEvents(em: EntityManager, events: readonly ActivityEvent[]): Promise<Appended> {
    if (events.length === 0) return { awards: [], roles: {} };
    const ctx = await this.context(em, events.flatMap((e) => ('employeeId' in e ? [e.employeeId] : [])));
    const scopes = new Map<string, ScoringScope>();
    for (const event of events) for (const scope of scopesOf(event, ctx)) scopes.set(scopeKey(scope), scope);
    return this.rescoreScopes(em, [...scopes.values()], ctx);
  }

  /** Re-scores everything some employees did from an instant on, after their team changed. */
  async reattribute(em: EntityManager, employeeIds: readonly string[], since: string): Promise<Appended> {
    return this.rescoreEvents(em, await this.ledger.eventsOfEmployeesSince(em, employeeIds, since));
  }

  private async rescoreScopes(em: EntityManager, scopes: ScoringScope[], ctx: LoadedContext): Promise<Appended> {
    const eventScopeIds = scopes.flatMap((s) => (s.kind === 'event' ? [s.eventId] : []));
    const single = new Map((await this.ledger.eventsByIds(em, eventScopeIds)).filter((r) => r.voidedAt === null).map((r) => [r.id, JSON.parse(r.body) as ActivityEvent]));
    const standing = await this.ledger.standingAwards(em, scopes.map(scopeKey));
    const standingByScope = new Map<string, StandingAward[]>();
    for (const a of standing) standingByScope.set(a.scopeKey, [...(standingByScope.get(a.scopeKey) ?? []), a]);

    const now = this.clock.now().toISOString();
    let nextId = (await this.ledger.lastEntryId(em)) + 1;
    const entries: LedgerEntryEntity[] = [];
    const removed: string[] = [];
    const put: StandingAwardEntity[] = [];

    for (const scope of scopes) {
      const history =
        scope.kind === 'event'
          ? [single.get(scope.eventId)].filter((e): e is ActivityEvent => e !== undefined)
          : await this.ledger.history(em, historyQuery(scope, this.config.timeZone));
      const diff = diffAwards(scoreScope(scope, history, ctx), standingByScope.get(scopeKey(scope)) ?? []);
      for (const have of diff.reverse) {
        entries.push(
          Object.assign(new LedgerEntryEntity(), {
            id: nextId++,
            eventId: have.eventId,
            awardKey: have.key,
            rule: have.rule,
            ruleVersion: have.ruleVersion,
            employeeId: have.employeeId,
            teamId: have.teamId,
            points: -have.points,
            reason: `Correction: ${have.reason} (reversed)`,
            occurredAt: have.occurredAt,
            recordedAt: now,
            reversesId: have.entryId,
          }),
        );
        removed.push(have.key);
      }
      for (const want of diff.add) {
        const id = nextId++;
        entries.push(
          Object.assign(new LedgerEntryEntity(), {
            id,
            eventId: want.eventId,
            awardKey: want.key,
            rule: want.rule,
            ruleVersion: want.ruleVersion,
            employeeId: want.employeeId,
            teamId: want.teamId,
            points: want.points,
            reason: want.reason,
            occurredAt: want.occurredAt,
            recordedAt: now,
            reversesId: null,
          }),
        );
        put.push(Object.assign(new StandingAwardEntity(), { awardKey: want.key, scopeKey: scopeKey(scope), entryId: id }));
      }
    }
    if (entries.length === 0) return { awards: [], roles: {} };
    await this.ledger.appendEntries(em, entries);
    await this.ledger.setStanding(em, removed, put);
    await this.ledger.addToTotals(em, this.totalDeltas(entries));
    const roles: Record<string, Role> = {};
    for (const e of entries) if (e.employeeId) roles[e.employeeId] = ctx.roleOf(e.employeeId) ?? 'telemarketer';
    return { awards: entries.map(toAward), roles };
  }

  private totalDeltas(entries: readonly LedgerEntryEntity[]): TotalDelta[] {
    const sums = new Map<string, TotalDelta>();
    const add = (d: Omit<TotalDelta, 'points'>, points: number): void => {
      const key = `${d.period}|${d.periodKey}|${d.subjectType}|${d.subjectId}`;
      const row = sums.get(key);
      if (row) row.points += points;
      else sums.set(key, { ...d, points });
    };
    for (const entry of entries) {
      const keys = periodKeysOf(new Date(entry.occurredAt), this.config.timeZone);
      for (const period of ['month', 'quarter', 'year'] as const) {
        if (entry.employeeId) add({ period, periodKey: keys[period], subjectType: 'employee', subjectId: entry.employeeId }, entry.points);
        if (entry.teamId) add({ period, periodKey: keys[period], subjectType: 'team', subjectId: entry.teamId }, entry.points);
      }
    }
    return [...sums.values()].filter((d) => d.points !== 0);
  }

  private async context(em: EntityManager, employeeIds: readonly string[]): Promise<LoadedContext> {
    const ids = [...new Set(employeeIds)];
    const [employees, memberships] = await Promise.all([this.org.employeesByIds(em, ids), this.org.membershipsOfEmployees(em, ids)]);
    const byId = new Map<string, ScoringEmployee>(employees.map((e) => [e.id, { id: e.id, name: e.name, role: e.role }]));
    const rows: MembershipRow[] = memberships;
    return {
      rules: DEFAULT_RULES,
      timeZone: this.config.timeZone,
      employee: (id) => byId.get(id),
      teamAt: (employeeId, at) => teamAt(rows, employeeId, at),
      roleOf: (id) => byId.get(id)?.role,
    };
  }
}

interface LoadedContext extends ScoringContext {
  roleOf(id: string): Role | undefined;
}
