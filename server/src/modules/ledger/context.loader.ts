import { Injectable } from '@nestjs/common';
import type { GradeLadder, Role } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { StampedCache } from '../../database/cache-stamps.js';
import { memberAt, teamAt, type MembershipRow } from '../../domain/org/membership-plan.js';
import type { ScoringContext, ScoringEmployee } from '../../domain/scoring/award.js';
import { ruleSetAt, type RuleSet } from '../../domain/scoring/rule-set.js';
import { GradeBook } from '../grades/grade-book.js';
import { OrgDirectory } from '../org/org.directory.js';
import { RuleBook } from '../rules/rule-book.js';
import { WallSettingsStore } from '../settings/wall-settings.js';
import { TargetsRepository } from './targets.repository.js';

/** What the rules may know, plus what the write path needs beside them. */
export interface LoadedContext extends ScoringContext {
  roleOf(id: string): Role | undefined;
  ladder: GradeLadder;
  /** Whether any team target is set: without one, no target scope needs reading. */
  hasTargets: boolean;
  /** Payments of at least this amount are celebrated (0: never). */
  bigPayment: number;
}

/**
 * Loads the scoring context: everyone, every stint, every rule version, the ladder, whether targets
 * exist, the big-payment amount. An office is small and relay rules may reach anyone, so it is read
 * whole, and kept between ingests until anything it is made of changes (`office.changed`), in this
 * instance or another (a stamp in the database, see `StampedCache`).
 */
@Injectable()
export class ScoringContextLoader {
  private readonly cached = new StampedCache<LoadedContext>('scoring');

  constructor(
    private readonly org: OrgDirectory,
    private readonly rules: RuleBook,
    private readonly grades: GradeBook,
    private readonly wall: WallSettingsStore,
    private readonly targets: TargetsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * The context as of the last change, read once and kept (the ingest path) while no instance has
   * changed it since: the stamp is read inside the write transaction, after the write lock.
   */
  cachedContext(em: EntityManager): Promise<LoadedContext> {
    return this.cached.get(em, () => this.load(em));
  }

  /** In the transaction of a change to what the context is made of: every instance reads it afresh after the commit. */
  forget(em: EntityManager): Promise<void> {
    return this.cached.invalidate(em);
  }

  /** Reads the context afresh; `rules` replaces the stored versions (for previews). */
  async load(em: EntityManager, rules?: RuleSet): Promise<LoadedContext> {
    const [employees, memberships, teams, versions, ladder, hasTargets, wall] = await Promise.all([
      this.org.listEmployees(em),
      this.org.allMemberships(em),
      this.org.listTeams(em),
      this.rules.ruleSets(em),
      this.grades.ladder(em),
      this.targets.any(em),
      this.wall.get(em),
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
