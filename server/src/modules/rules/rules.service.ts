import { Injectable } from '@nestjs/common';
import { RuleParamsSchema, why, type RuleVersion } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { instantOf } from '../../domain/periods/zoned-time.js';
import { ruleSetAt, withPatch } from '../../domain/scoring/rule-set.js';
import { RulesRepository } from './rules.repository.js';

/** Rule versions: listed, and added from a date on (never in the past). */
@Injectable()
export class RulesService {
  constructor(
    private readonly db: Database,
    private readonly rules: RulesRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  list(): Promise<RuleVersion[]> {
    return this.rules.list(this.db.manager);
  }

  async create(input: { effectiveFrom?: string; rules: Parameters<typeof withPatch>[1]; note: string }): Promise<RuleVersion> {
    const now = this.clock.now();
    const effectiveFrom = input.effectiveFrom ? instantOf(input.effectiveFrom, this.config.timeZone) : now;
    // A minute of slack for clocks; earlier than that would rewrite awards already shown.
    if (effectiveFrom.getTime() < now.getTime() - 60_000) {
      throw new DomainError('unprocessable', 'A rule version cannot take effect in the past', [
        {
          index: 0,
          field: 'effectiveFrom',
          reason: `must not be before now (${now.toISOString()}): a new version never changes past awards`,
          why: why('in_past'),
        },
      ]).withCode('rules.in_past');
    }
    const from = effectiveFrom.toISOString();
    return this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {});
      const versions = await this.rules.ruleSets(em);
      const rules = RuleParamsSchema.parse(withPatch(ruleSetAt(versions, from), input.rules));
      const created: RuleVersion = {
        version: Math.max(0, ...versions.map((v) => v.version)) + 1,
        effectiveFrom: from,
        rules,
        note: input.note,
        createdAt: now.toISOString(),
      };
      await this.rules.insert(em, created);
      // Events already stamped at or after the date (clock skew, a future-dated version reached) follow the new numbers.
      await this.events.raise(em, 'rules.versionAdded', { version: created.version, since: from });
      return created;
    });
  }
}
