import { Injectable } from '@nestjs/common';
import type { ActivityEvent, Award, Role } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { planRescore, scopesOfEvents, totalDeltas, type ScopeSource } from '../../domain/ledger/rescore.js';
import { memberAt, teamAt, type MembershipRow } from '../../domain/org/membership-plan.js';
import { ruleSetAt, type RuleSet } from '../../domain/scoring/rule-set.js';
import { RulesRepository } from '../rules/rules.repository.js';
import type { ScoringContext, ScoringEmployee } from '../../domain/scoring/scoring.js';
import { OrgRepository } from '../org/org.repository.js';
import { LedgerEntryEntity, StandingAwardEntity } from './ledger.entities.js';
import { LedgerRepository, toAward } from './ledger.repository.js';

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
    private readonly rules: RulesRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Re-scores every scope the events touch; `cause` explains any reversal it writes. */
  async rescoreEvents(em: EntityManager, events: readonly ActivityEvent[], cause = 'recalculated'): Promise<Appended> {
    if (events.length === 0) return { awards: [], roles: {} };
    const ctx = await this.context(em);
    const source: ScopeSource = {
      histories: (queries) => this.ledger.histories(em, queries),
      standing: (keys) => this.ledger.standingAwards(em, keys),
    };
    const drafts = await planRescore(scopesOfEvents(events, ctx), source, ctx, cause);
    if (drafts.length === 0) return { awards: [], roles: {} };

    const now = this.clock.now().toISOString();
    let nextId = (await this.ledger.lastEntryId(em)) + 1;
    const entries = drafts.map((d) =>
      Object.assign(new LedgerEntryEntity(), {
        id: nextId++,
        eventId: d.eventId,
        awardKey: d.awardKey,
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
    const removed = drafts.filter((d) => d.reverses).map((d) => d.awardKey);
    const put = entries.flatMap((e, i) => (drafts[i]!.reverses ? [] : [Object.assign(new StandingAwardEntity(), { awardKey: e.awardKey, scopeKey: drafts[i]!.scopeKey, entryId: e.id })]));
    await this.ledger.appendEntries(em, entries);
    await this.ledger.setStanding(em, removed, put);
    await this.ledger.addToTotals(em, totalDeltas(entries, this.config.timeZone));
    const roles: Record<string, Role> = {};
    for (const e of entries) if (e.employeeId) roles[e.employeeId] = ctx.roleOf(e.employeeId) ?? 'telemarketer';
    return { awards: entries.map(toAward), roles };
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
    const [employees, memberships, teams, versions] = await Promise.all([this.org.listEmployees(em), this.org.allMemberships(em), this.org.listTeams(em), this.rules.ruleSets(em)]);
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
    };
  }
}

export interface LoadedContext extends ScoringContext {
  roleOf(id: string): Role | undefined;
}
