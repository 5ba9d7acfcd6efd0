import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RulesRepository, type StoredRuleSet } from './rules.repository.js';

/** The rules room's door: every rule version as the scoring engine takes them. */
@Injectable()
export class RuleBook {
  constructor(private readonly repo: RulesRepository) {}

  ruleSets(em: EntityManager): Promise<StoredRuleSet[]> {
    return this.repo.ruleSets(em);
  }
}
