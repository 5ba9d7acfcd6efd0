import { canonicalEventJson, type ActivityEvent } from '@conveyor/shared';
import type { ScopeHistoryQuery, ScoringContext } from '../scoring/scoring.js';
import type { StandingAward } from './award-diff.js';
import {
  indexEvents,
  planRescore,
  replayAwards,
  scopesOfEvents,
  totalDeltas,
  type Cause,
  type EntryDraft,
  type ScopeSource,
  type TotalDelta,
} from './rescore.js';

/**
 * The ledger in memory, driven by the same planning as the server: for simulations, previews and
 * property tests. `replayTotals` is the reference: every award scored from scratch, in order.
 */
export class MemoryLedger implements ScopeSource {
  private readonly events = new Map<string, { event: ActivityEvent; json: string; voided: boolean }>();
  private readonly standingAwards = new Map<string, StandingAward>();
  readonly entries: (EntryDraft & { id: number })[] = [];
  private readonly running = new Map<string, number>();

  constructor(private readonly ctx: ScoringContext) {}

  /** Adds events (a retry of a known id with the same body is skipped; a different body throws) and appends what changed. */
  async ingest(events: readonly ActivityEvent[]): Promise<void> {
    const fresh: ActivityEvent[] = [];
    for (const event of events) {
      const json = canonicalEventJson(event);
      const known = this.events.get(event.id);
      if (known) {
        if (known.json !== json) throw new Error(`id ${event.id} reused with a different body`);
        continue;
      }
      this.events.set(event.id, { event, json, voided: false });
      fresh.push(event);
    }
    await this.apply(fresh, { code: 'rescore' });
  }

  async void(id: string): Promise<void> {
    const known = this.events.get(id);
    if (!known || known.voided) return;
    known.voided = true;
    await this.apply([known.event], { code: 'void', note: 'voided' });
  }

  /** Running totals as the server keeps them: `period|key|subject type|id` → points. */
  totals(): Map<string, number> {
    return nonZero(this.running);
  }

  /** Totals summed straight from the ledger entries. */
  rebuiltTotals(): Map<string, number> {
    return sumDeltas(totalDeltas(this.entries, this.ctx.timeZone));
  }

  /** Totals of scoring every non-voided event from scratch: what in-order processing gives. */
  replayTotals(): Map<string, number> {
    const live = [...this.events.values()].filter((e) => !e.voided).map((e) => e.event);
    return sumDeltas(totalDeltas(replayAwards(live, this.ctx), this.ctx.timeZone));
  }

  histories(queries: readonly ScopeHistoryQuery[]): Promise<ActivityEvent[][]> {
    return Promise.resolve(queries.map((q) => this.match(q)));
  }

  standing(scopeKeys: readonly string[]): Promise<StandingAward[]> {
    const keys = new Set(scopeKeys);
    return Promise.resolve([...this.standingAwards.values()].filter((a) => keys.has(a.scopeKey)));
  }

  private async apply(events: readonly ActivityEvent[], cause: Cause): Promise<void> {
    const drafts = await planRescore(scopesOfEvents(events, this.ctx), this, this.ctx, cause, events);
    for (const draft of drafts) {
      const id = this.entries.length + 1;
      this.entries.push({ ...draft, id });
      if (draft.reverses) this.standingAwards.delete(draft.key);
      else this.standingAwards.set(draft.key, { ...draft, entryId: id });
    }
    for (const [key, points] of sumDeltas(totalDeltas(drafts, this.ctx.timeZone)))
      this.running.set(key, (this.running.get(key) ?? 0) + points);
  }

  private match(q: ScopeHistoryQuery): ActivityEvent[] {
    return indexEvents([...this.events.values()].filter((e) => !e.voided).map((e) => e.event))(q);
  }
}

function sumDeltas(deltas: readonly TotalDelta[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of deltas) {
    const key = `${d.period}|${d.periodKey}|${d.subjectType}|${d.subjectId}`;
    out.set(key, (out.get(key) ?? 0) + d.points);
  }
  return nonZero(out);
}

function nonZero(map: Map<string, number>): Map<string, number> {
  return new Map([...map].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
