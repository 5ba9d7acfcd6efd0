import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { OrgDirectory } from '../org/org.directory.js';
import { ScoringContextLoader } from './context.loader.js';
import { LedgerRepository } from './ledger.repository.js';
import { WritePath } from './write-path.js';

/**
 * How the ledger follows what other rooms change, inside their transactions: people moving
 * between teams, a new rule version, a new grade ladder. Each goes through the write path.
 */
@Injectable()
export class LedgerReactions implements OnModuleInit {
  constructor(
    private readonly events: AppEvents,
    private readonly contexts: ScoringContextLoader,
    private readonly ledger: LedgerRepository,
    private readonly writePath: WritePath,
    private readonly org: OrgDirectory,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.handle('office.changed', (em) => this.contexts.forget(em));
    this.events.handle('org.membersChanged', async (em, { employeeIds, since }) => {
      await this.writePath.score(em, await this.ledger.eventsOfEmployeesSince(em, employeeIds, since), { code: 'team_change' });
    });
    this.events.handle('rules.versionAdded', async (em, { version, since }) => {
      await this.writePath.score(em, await this.ledger.eventsSince(em, since), { code: 'rules_change', version });
    });
    this.events.handle('grades.ladderChanged', async (em, { ladder }) => {
      const teams = (await this.org.listTeams(em)).filter((t) => t.active).map((t) => t.id);
      await this.writePath.regrade(em, teams, ladder, this.clock.now().toISOString());
    });
  }
}
