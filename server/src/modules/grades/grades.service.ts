import { Injectable } from '@nestjs/common';
import type { GradeLadder } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { Database } from '../../database/database.js';
import { ScoringService } from '../ledger/scoring.service.js';
import { OrgRepository } from '../org/org.repository.js';
import { GradesRepository } from './grades.repository.js';

/** The grade ladder; changing it re-grades every active team in the current window at once. */
@Injectable()
export class GradesService {
  constructor(
    private readonly db: Database,
    private readonly grades: GradesRepository,
    private readonly org: OrgRepository,
    private readonly scoring: ScoringService,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  ladder(): Promise<GradeLadder> {
    return this.grades.ladder(this.db.manager);
  }

  async setLadder(ladder: GradeLadder): Promise<GradeLadder> {
    const now = this.clock.now().toISOString();
    const moments = await this.db.write(async (em) => {
      this.scoring.forgetContext();
      await this.grades.setLadder(em, ladder, now);
      const teams = (await this.org.listTeams(em)).filter((t) => t.active);
      return this.scoring.recordGrades(
        em,
        await this.scoring.regrade(
          em,
          teams.map((t) => ({ teamId: t.id, occurredAt: now })),
          await this.scoring.context(em),
          ladder,
        ),
      );
    });
    if (moments.length > 0) this.events.emit('ledger.appended', { awards: [], roles: {}, moments });
    this.events.emit('org.changed', {}); // every team row shows its grade: refresh the boards
    return ladder;
  }
}
