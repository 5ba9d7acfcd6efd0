import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import { AccessRepository } from './access.repository.js';

/** What the first-day checklist asks of access: the office's tokens, invites and signed-in phones, counted. */
export interface AccessCounts {
  integrationTokens: number;
  /** Screen tokens not revoked, or ever used. */
  displayTokens: number;
  invites: number;
  employeeSessions: number;
}

/** The auth room's door for counts other rooms show (the onboarding checklist). Reads only. */
@Injectable()
export class AccessFacts {
  constructor(
    private readonly db: Database,
    private readonly repo: AccessRepository,
  ) {}

  counts(): Promise<AccessCounts> {
    return this.db.read((em) => this.repo.counts(em));
  }
}
