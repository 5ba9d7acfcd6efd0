import { Injectable } from '@nestjs/common';
import { RuleParamsSchema, type CreateRuleVersion, type RulePreview, type RulePreviewRequest, type RuleVersion } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { replayAwards } from '../../domain/ledger/rescore.js';
import { instantOf } from '../../domain/periods/zoned-time.js';
import { ruleSetAt, withPatch } from '../../domain/scoring/rule-set.js';
import { LedgerRepository } from '../ledger/ledger.repository.js';
import { ScoringService } from '../ledger/scoring.service.js';
import { StandingsService } from '../standings/standings.service.js';
import { RulesRepository } from './rules.repository.js';

/** Rule versions: listed, added from a date on (never in the past), and previewed on a past period. */
@Injectable()
export class RulesService {
  constructor(
    private readonly db: Database,
    private readonly rules: RulesRepository,
    private readonly ledger: LedgerRepository,
    private readonly scoring: ScoringService,
    private readonly standings: StandingsService,
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
        },
      ]);
    }
    const from = effectiveFrom.toISOString();
    const { created, appended } = await this.db.write(async (em) => {
      this.scoring.forgetContext();
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
      const appended = await this.scoring.rescoreEvents(em, await this.ledger.eventsSince(em, from), `rules version ${created.version}`);
      return { created, appended };
    });
    if (appended.awards.length > 0) this.events.emit('ledger.appended', appended);
    return created;
  }

  /** Replays a period under the rules in effect now with the proposal applied; writes nothing. */
  async preview(req: {
    rules: Parameters<typeof withPatch>[1];
    board: RulePreview['board'];
    period: RulePreview['period'];
    at?: string;
  }): Promise<RulePreview> {
    const at = req.at ?? this.standings.today();
    const range = this.standings.period(req.period, at);
    const { rules, points } = await this.db.read(async (em) => {
      const base = ruleSetAt(await this.rules.ruleSets(em), this.clock.now().toISOString());
      const rules = RuleParamsSchema.parse(withPatch(base, req.rules));
      const ctx = await this.scoring.context(em, { ...rules, version: 0 });
      const awards = replayAwards(await this.ledger.eventsForReplay(em, range.start, range.end), ctx);
      const points = new Map<string, number>();
      for (const a of awards) {
        if (a.occurredAt < range.start || a.occurredAt >= range.end) continue;
        const id = req.board === 'teams' ? a.teamId : a.employeeId;
        if (id) points.set(id, (points.get(id) ?? 0) + a.points);
      }
      return { rules, points };
    });
    const [current, proposed] = await Promise.all([
      this.standings.board(req.board, req.period, at),
      this.standings.board(req.board, req.period, at, points),
    ]);
    return {
      board: req.board,
      period: req.period,
      key: range.key,
      start: range.start,
      end: range.end,
      rules,
      current: current.rows,
      proposed: proposed.rows,
    };
  }
}
