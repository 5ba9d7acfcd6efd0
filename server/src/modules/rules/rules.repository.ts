import { Injectable } from '@nestjs/common';
import type { RuleParams, RuleVersion } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { DEFAULT_RULES, withPatch, type RuleSet } from '../../domain/scoring/rule-set.js';
import { RuleVersionEntity } from './rule-version.entity.js';

export type StoredRuleSet = RuleSet & { effectiveFrom: string };

/** All database access for rule versions. */
@Injectable()
export class RulesRepository {
  /** Numbers a stored version predates (added to the scheme later) take their defaults. */
  async list(em: EntityManager): Promise<RuleVersion[]> {
    const rows = await em.find(RuleVersionEntity, { order: { version: 'ASC' } });
    return rows.map((r) => ({
      version: Number(r.version),
      effectiveFrom: r.effectiveFrom,
      rules: withPatch(DEFAULT_RULES, JSON.parse(r.params) as RuleParams),
      note: r.note,
      createdAt: r.createdAt,
    }));
  }

  /** The versions as the scoring engine takes them. */
  async ruleSets(em: EntityManager): Promise<StoredRuleSet[]> {
    return (await this.list(em)).map((v) => ({ ...v.rules, version: v.version, effectiveFrom: v.effectiveFrom }));
  }

  async insert(em: EntityManager, v: RuleVersion): Promise<void> {
    await em.insert(RuleVersionEntity, {
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      params: JSON.stringify(v.rules),
      note: v.note,
      createdAt: v.createdAt,
    });
  }
}
