import { Injectable } from '@nestjs/common';
import type { PeriodKind, SetTeamTarget, TeamTarget } from '@conveyor/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { periodOfDate } from '../../domain/periods/periods.js';
import { localDate } from '../../domain/periods/zoned-time.js';
import { targetScopeKey, type TargetScope } from '../../domain/scoring/team-target.js';
import { OrgDirectory } from '../org/org.directory.js';
import { TargetsRepository } from './targets.repository.js';
import { WritePath } from './write-path.js';

/** Team targets per period; setting one re-decides the team-target bonus of that period through the write path. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly db: Database,
    private readonly targets: TargetsRepository,
    private readonly org: OrgDirectory,
    private readonly writePath: WritePath,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async set(input: SetTeamTarget): Promise<TeamTarget | null> {
    const scope: TargetScope = { teamId: input.teamId, period: input.period, periodKey: this.periodKey(input.period, input.at) };
    await this.db.write(async (em) => {
      if (!(await this.org.findTeam(em, input.teamId))) {
        throw new DomainError('unprocessable', `Team "${input.teamId}" does not exist`, [
          { index: 0, field: 'teamId', reason: `no team with id "${input.teamId}"` },
        ]).withCode('team.unknown');
      }
      await this.targets.put(em, scope, input.points, this.clock.now().toISOString());
      await this.writePath.targetChanged(em, scope);
    });
    return input.points === null ? null : this.describe(scope, input.points);
  }

  async list(period: PeriodKind, at?: string): Promise<TeamTarget[]> {
    const key = this.periodKey(period, at);
    const rows = await this.targets.list(this.db.manager, period, key);
    return Promise.all(rows.map((r) => this.describe({ teamId: r.teamId, period, periodKey: key }, Number(r.points))));
  }

  private periodKey(period: PeriodKind, at: string | undefined): string {
    return periodOfDate(period, at ?? localDate(this.clock.now(), this.config.timeZone), this.config.timeZone).key;
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
