import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import { IntegrationsRepository } from './integrations.repository.js';

/** The integrations room's door for the first-day checklist: how many connections the office has. Reads only. */
@Injectable()
export class IntegrationFacts {
  constructor(
    private readonly db: Database,
    private readonly repo: IntegrationsRepository,
  ) {}

  async connections(): Promise<number> {
    return (await this.db.read((em) => this.repo.list(em))).length;
  }
}
