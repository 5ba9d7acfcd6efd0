import { Injectable } from '@nestjs/common';
import { PERIOD_KINDS } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { diffAwards } from '../../domain/ledger/award-diff.js';
import { reversal, type Cause, type EntryDraft } from '../../domain/ledger/rescore.js';
import { periodKeysOf, periodOfKey } from '../../domain/periods/periods.js';
import { RULES } from '../../domain/scoring/rule-set.js';
import { scoreTeamTarget, targetScopeKey, type TargetScope } from '../../domain/scoring/team-target.js';
import type { LoadedContext } from './context.loader.js';
import type { LedgerEntryEntity } from './ledger.entities.js';
import { LedgerRepository } from './ledger.repository.js';
import { TargetsRepository } from './targets.repository.js';

/** Loads and decides the team-target bonus of (team, period) pairs whose points moved or whose target changed. */
@Injectable()
export class TargetBonuses {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly targets: TargetsRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * What to append for the target bonuses of these scopes. Only scopes with a target are looked at,
   * unless `changed` (the target itself changed: the scope is decided even without one).
   */
  async decide(
    em: EntityManager,
    ctx: LoadedContext,
    scopes: readonly TargetScope[],
    cause: Cause,
    changed = false,
  ): Promise<EntryDraft[]> {
    if (!changed && !ctx.hasTargets) return [];
    const unique = [...new Map(scopes.map((s) => [targetScopeKey(s), s])).values()];
    const targets = new Map((await this.targets.existing(em, unique)).map((t) => [targetScopeKey(t), t.points]));
    const drafts: EntryDraft[] = [];
    for (const scope of unique) {
      const key = targetScopeKey(scope);
      const target = targets.get(key) ?? null;
      if (target === null && !changed) continue;
      const range = periodOfKey(scope.periodKey, this.config.timeZone);
      const desired =
        target === null || !range
          ? []
          : scoreTeamTarget(
              scope,
              await this.targets.standingTeamAwards(em, scope.teamId, range.start, range.end),
              target,
              (at) => ctx.rulesAt(at),
              ctx.teamName(scope.teamId),
            );
      const diff = diffAwards(desired, await this.ledger.standingAwards(em, [key]));
      drafts.push(...diff.reverse.map((have) => reversal(have, cause)), ...diff.add.map((want) => ({ ...want, reverses: null })));
    }
    return drafts;
  }

  /** The (team, period) pairs whose points these entries move. */
  scopesOf(entries: readonly LedgerEntryEntity[]): TargetScope[] {
    const out: TargetScope[] = [];
    for (const e of entries) {
      if (!e.teamId || e.rule === RULES.targetReached) continue;
      const keys = periodKeysOf(new Date(e.occurredAt), this.config.timeZone);
      for (const period of PERIOD_KINDS) out.push({ teamId: e.teamId, period, periodKey: keys[period] });
    }
    return out;
  }
}
