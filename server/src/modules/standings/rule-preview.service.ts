import { Injectable } from '@nestjs/common';
import { RuleParamsSchema, type RulePreview } from '@conveyor/shared';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { replayAwards } from '../../domain/ledger/rescore.js';
import { ruleSetAt, withPatch } from '../../domain/scoring/rule-set.js';
import { ScoringContextLoader } from '../ledger/context.loader.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { RuleBook } from '../rules/rule-book.js';
import { StandingsService } from './standings.service.js';

/** Replays a period under the rules in effect now with a proposal applied, beside the real standings; writes nothing. */
@Injectable()
export class RulePreviewService {
  constructor(
    private readonly db: Database,
    private readonly rules: RuleBook,
    private readonly ledger: LedgerReader,
    private readonly contexts: ScoringContextLoader,
    private readonly standings: StandingsService,
    private readonly time: OfficeTime,
  ) {}

  async preview(req: {
    rules: Parameters<typeof withPatch>[1];
    board: RulePreview['board'];
    period: RulePreview['period'];
    at?: string;
  }): Promise<RulePreview> {
    const at = req.at ?? this.time.today();
    const range = this.time.period(req.period, at);
    const { rules, points } = await this.db.read(async (em) => {
      const base = ruleSetAt(await this.rules.ruleSets(em), this.time.now().toISOString());
      const rules = RuleParamsSchema.parse(withPatch(base, req.rules));
      const ctx = await this.contexts.load(em, { ...rules, version: 0 });
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
