import { Injectable } from '@nestjs/common';
import type { PeriodKind, SetTeamTarget, TeamTarget } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { targetScopeKey, type TargetScope } from '../../domain/scoring/team-target.js';
import { ScoringService } from '../ledger/scoring.service.js';
import { OrgRepository } from '../org/org.repository.js';
import { StandingsService } from '../standings/standings.service.js';
import { TargetsRepository } from './targets.repository.js';

/** Team targets per period; setting one re-scores the team-target bonus of that period. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly db: Database,
    private readonly targets: TargetsRepository,
    private readonly org: OrgRepository,
    private readonly scoring: ScoringService,
    private readonly standings: StandingsService,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  async set(input: SetTeamTarget): Promise<TeamTarget | null> {
    const scope: TargetScope = { teamId: input.teamId, period: input.period, periodKey: this.standings.period(input.period, input.at).key };
    const appended = await this.db.write(async (em) => {
      this.scoring.forgetContext();
      if (!(await this.org.findTeam(em, input.teamId))) {
        throw new DomainError('unprocessable', `Team "${input.teamId}" does not exist`, [
          { index: 0, field: 'teamId', reason: `no team with id "${input.teamId}"` },
        ]);
      }
      await this.targets.put(em, scope, input.points, this.clock.now().toISOString());
      const ctx = await this.scoring.context(em);
      return this.scoring.appended(em, await this.scoring.rescoreTargets(em, ctx, [scope], 'team target changed', true), ctx);
    });
    if (appended.awards.length > 0) this.events.emit('ledger.appended', appended);
    return input.points === null ? null : this.describe(scope, input.points);
  }

  async list(period: PeriodKind, at: string = this.standings.today()): Promise<TeamTarget[]> {
    const key = this.standings.period(period, at).key;
    const rows = await this.targets.list(this.db.manager, period, key);
    return Promise.all(rows.map((r) => this.describe({ teamId: r.teamId, period, periodKey: key }, Number(r.points))));
  }

  private async describe(scope: TargetScope, points: number): Promise<TeamTarget> {
    return {
      teamId: scope.teamId,
      period: scope.period,
      key: scope.periodKey,
      points,
      reachedAt: await this.targets.reachedAt(this.db.manager, targetScopeKey(scope)),
    };
  }
}
