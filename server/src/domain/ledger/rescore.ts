import type { ActivityEvent, ReasonParams } from '@conveyor/shared';
import { periodKeysOf } from '../periods/periods.js';
import { localDate } from '../periods/zoned-time.js';
import {
  historyQuery,
  scopeKey,
  scopesOf,
  scoreScope,
  type AwardDraft,
  type AwardFields,
  type ScopeHistoryQuery,
  type ScoringContext,
  type ScoringScope,
} from '../scoring/scoring.js';
import { latestClientName } from '../scoring/award.js';
import { diffAwards, type StandingAward } from './award-diff.js';

/** Where re-scoring reads from: the database in the server, memory in simulations. */
export interface ScopeSource {
  /** The non-voided events each query asks for, in the same order as the queries. */
  histories(queries: readonly ScopeHistoryQuery[]): Promise<ActivityEvent[][]>;
  /** The awards currently standing in the given scopes. */
  standing(scopeKeys: readonly string[]): Promise<StandingAward[]>;
}

/** A ledger entry to append: a new award, or the reversal of a standing one. */
export interface EntryDraft extends AwardFields {
  /** The standing award this entry reverses; null for a new award. */
  reverses: StandingAward | null;
}

/** The distinct scopes a set of events touches. */
export function scopesOfEvents(events: readonly ActivityEvent[], ctx: ScoringContext): ScoringScope[] {
  const scopes = new Map<string, ScoringScope>();
  for (const event of events) for (const scope of scopesOf(event, ctx)) scopes.set(scopeKey(scope), scope);
  return [...scopes.values()];
}

/**
 * What the rules need to re-score some scopes: the awards standing in each, and the whole
 * non-voided history of the scopes that must be read (`open`, in the same order as `histories`).
 */
export interface ScoringSnapshot {
  standing: readonly StandingAward[];
  open: readonly ScoringScope[];
  histories: readonly (readonly ActivityEvent[])[];
}

/**
 * The scopes whose history must be read. `triggers` are the events whose arrival (or void) caused
 * this: a daily norm that already stands is left unread when every triggering call sorts after the
 * call that earned it.
 */
export function scopesToRead(
  scopes: readonly ScoringScope[],
  standing: readonly StandingAward[],
  triggers: readonly ActivityEvent[],
  ctx: ScoringContext,
): ScoringScope[] {
  const byScope = groupByScope(standing);
  return scopes.filter((scope) => !normSettled(scope, byScope.get(scopeKey(scope)) ?? [], triggers, ctx));
}

/**
 * The decision, pure: scores each open scope from its whole history and returns what to append so
 * that the ledger holds exactly the awards the rules want: reversals first, then new awards, scope
 * by scope. `cause` explains any reversal.
 */
export function decide(snapshot: ScoringSnapshot, ctx: ScoringContext, cause: Cause): EntryDraft[] {
  const byScope = groupByScope(snapshot.standing);
  const names = new Map<string, string>();
  const out: EntryDraft[] = [];
  snapshot.open.forEach((scope, i) => {
    const history = snapshot.histories[i] ?? [];
    if (scope.kind === 'client') {
      const name = latestClientName(history);
      if (name !== undefined) names.set(scope.clientId, name);
    }
    const diff = diffAwards(scoreScope(scope, history, ctx), byScope.get(scopeKey(scope)) ?? []);
    for (const have of diff.reverse) out.push(reversal(have, cause));
    for (const want of diff.add) out.push({ ...want, reverses: null });
  });
  // Every entry names its client as the client's whole history last did, even when its own event
  // carried no name (each client's history is in the snapshot: every event with a client opens its scope).
  return out.map((e) => {
    const name = typeof e.params.clientId === 'string' ? names.get(e.params.clientId) : undefined;
    return name === undefined || e.params.client === name ? e : { ...e, params: { ...e.params, client: name } };
  });
}

/** Loads a snapshot from `source` and decides: the whole write path's thinking, for in-memory ledgers. */
export async function planRescore(
  scopes: readonly ScoringScope[],
  source: ScopeSource,
  ctx: ScoringContext,
  cause: Cause,
  triggers: readonly ActivityEvent[] = [],
): Promise<EntryDraft[]> {
  const standing = await source.standing(scopes.map(scopeKey));
  const open = scopesToRead(scopes, standing, triggers, ctx);
  const histories = await source.histories(open.map((s) => historyQuery(s, ctx.timeZone)));
  return decide({ standing, open, histories }, ctx, cause);
}

function groupByScope(standing: readonly StandingAward[]): Map<string, StandingAward[]> {
  const out = new Map<string, StandingAward[]>();
  for (const a of standing) {
    const list = out.get(a.scopeKey);
    if (list) list.push(a);
    else out.set(a.scopeKey, [a]);
  }
  return out;
}

/**
 * The norm bonus goes to the Nth successful call of the day in (occurredAt, id) order: calls that
 * come after it, arriving or voided, cannot move it. Reading the day again would cost a query that
 * grows with every call of the day.
 */
function normSettled(
  scope: ScoringScope,
  standing: readonly StandingAward[],
  triggers: readonly ActivityEvent[],
  ctx: ScoringContext,
): boolean {
  if (scope.kind !== 'daily-norm' || standing.length !== 1) return false;
  const norm = { id: standing[0]!.eventId, occurredAt: standing[0]!.occurredAt };
  return triggers.every(
    (t) =>
      t.type !== 'call' ||
      t.employeeId !== scope.employeeId ||
      localDate(new Date(t.occurredAt), ctx.timeZone) !== scope.day ||
      t.occurredAt > norm.occurredAt ||
      (t.occurredAt === norm.occurredAt && t.id > norm.id),
  );
}

/** Why awards are re-decided: what a reversal says happened. */
export type Cause =
  | { code: 'void'; note: string }
  | { code: 'rescore' }
  | { code: 'team_change' }
  | { code: 'rules_change'; version: number }
  | { code: 'target_change' };

function causeText(cause: Cause): string {
  switch (cause.code) {
    case 'void':
      return `voided: ${cause.note}`;
    case 'rescore':
      return 'recalculated';
    case 'team_change':
      return 'team membership changed';
    case 'rules_change':
      return `rules version ${cause.version}`;
    case 'target_change':
      return 'team target changed';
  }
}

/** The compensating entry of a standing award that no longer holds: the award's params, and why. */
export function reversal(have: StandingAward, cause: Cause): EntryDraft {
  const { entryId: _, ...fields } = have;
  const why: ReasonParams = { reversed: true, cause: cause.code };
  if (cause.code === 'void') why.note = cause.note;
  if (cause.code === 'rules_change') why.version = cause.version;
  return {
    ...fields,
    points: -have.points,
    reason: `Reversed (${causeText(cause)}): ${have.reason}`,
    params: { ...have.params, ...why },
    reverses: have,
  };
}

export interface TotalDelta {
  period: 'month' | 'quarter' | 'year';
  periodKey: string;
  subjectType: 'employee' | 'team';
  subjectId: string;
  points: number;
}

/** What entries add to the running totals: each entry counts for its person and its team, in the office-time month, quarter and year of `occurredAt`. */
export function totalDeltas(
  entries: readonly { employeeId: string | null; teamId: string | null; points: number; occurredAt: string }[],
  timeZone: string,
): TotalDelta[] {
  const sums = new Map<string, TotalDelta>();
  const add = (d: Omit<TotalDelta, 'points'>, points: number): void => {
    const key = `${d.period}|${d.periodKey}|${d.subjectType}|${d.subjectId}`;
    const row = sums.get(key);
    if (row) row.points += points;
    else sums.set(key, { ...d, points });
  };
  for (const entry of entries) {
    const keys = periodKeysOf(new Date(entry.occurredAt), timeZone);
    for (const period of ['month', 'quarter', 'year'] as const) {
      if (entry.employeeId) add({ period, periodKey: keys[period], subjectType: 'employee', subjectId: entry.employeeId }, entry.points);
      if (entry.teamId) add({ period, periodKey: keys[period], subjectType: 'team', subjectId: entry.teamId }, entry.points);
    }
  }
  return [...sums.values()].filter((d) => d.points !== 0);
}

/** Answers history queries over a list of non-voided events, indexed once. */
export function indexEvents(events: readonly ActivityEvent[]): (q: ScopeHistoryQuery) => ActivityEvent[] {
  const byId = new Map<string, ActivityEvent>();
  const byEmployee = new Map<string, ActivityEvent[]>();
  const byClient = new Map<string, ActivityEvent[]>();
  const push = (map: Map<string, ActivityEvent[]>, key: string, e: ActivityEvent): void => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  for (const e of events) {
    byId.set(e.id, e);
    if ('employeeId' in e) push(byEmployee, e.employeeId, e);
    if ('clientId' in e && e.clientId) push(byClient, e.clientId, e);
  }
  return (q) => {
    switch (q.kind) {
      case 'event': {
        const e = byId.get(q.eventId);
        return e ? [e] : [];
      }
      case 'employee-events': {
        const from = q.from.toISOString();
        const to = q.to.toISOString();
        return (byEmployee.get(q.employeeId) ?? []).filter((e) => q.types.includes(e.type) && e.occurredAt >= from && e.occurredAt < to);
      }
      case 'client-events':
        return byClient.get(q.clientId) ?? [];
    }
  };
}

/** Every award a set of events earns, scored from scratch: what in-order processing gives. */
export function replayAwards(events: readonly ActivityEvent[], ctx: ScoringContext): AwardDraft[] {
  const history = indexEvents(events);
  return scopesOfEvents(events, ctx).flatMap((scope) => scoreScope(scope, history(historyQuery(scope, ctx.timeZone)), ctx));
}
