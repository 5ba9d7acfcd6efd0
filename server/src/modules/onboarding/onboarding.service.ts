import { Injectable } from '@nestjs/common';
import type { OnboardingStatus } from '@conveyor/shared';
import { Database } from '../../database/database.js';
import { onboardingStatus } from '../../domain/onboarding.js';
import { AccessFacts } from '../auth/access.facts.js';
import { IntegrationFacts } from '../integrations/integration.facts.js';
import { OrgDirectory } from '../org/org.directory.js';

/** The first day's checklist, from what the rooms have (reads only). */
@Injectable()
export class OnboardingService {
  constructor(
    private readonly db: Database,
    private readonly org: OrgDirectory,
    private readonly access: AccessFacts,
    private readonly integrations: IntegrationFacts,
  ) {}

  async status(): Promise<OnboardingStatus> {
    const roster = await this.db.read(async (em) => ({
      employees: (await this.org.listEmployees(em)).filter((e) => e.active).length,
      triads: (await this.org.listTeams(em)).length,
    }));
    const access = await this.access.counts();
    return onboardingStatus({ ...roster, integrations: await this.integrations.connections(), ...access });
  }
}
