/** What every award is made of: the scopes of history an award depends on, the fields it carries, and what the rules may know of the office. */
import type { ActivityEvent, ReasonParams, Role } from '@conveyor/shared';
import type { RuleCode, RuleSet } from './rule-set.js';

/**
 * A scope is the part of history an award depends on. Scoring a scope is a pure function of the
 * scope's events, so re-scoring it after a late event, a void or a team change, and diffing against
 * the ledger, always lands on what in-order processing would give.
 */
export type ScoringScope =
  /** Awards that depend on one event alone. */
  | { kind: 'event'; eventId: string }
  /** The daily-norm bonus: one telemarketer's successful calls on one office-local day. */
  | { kind: 'daily-norm'; employeeId: string; day: string }
  /** Relay credit along the chain: everything that happened to one client. */
  | { kind: 'client'; clientId: string };

/** What to load to score a scope: the non-voided events that match. */
export type ScopeHistoryQuery =
  | { kind: 'event'; eventId: string }
  | { kind: 'employee-events'; employeeId: string; types: ActivityEvent['type'][]; from: Date; to: Date }
  | { kind: 'client-events'; clientId: string };

/** What every award says, wanted, standing or appended. `key` identifies it across re-scorings. */
export interface AwardFields {
  key: string;
  scopeKey: string;
  eventId: string;
  rule: string;
  ruleVersion: number;
  /** null for a team-only award. */
  employeeId: string | null;
  teamId: string | null;
  points: number;
  /** English fallback; screens use `reasonCode` and `params`. */
  reason: string;
  reasonCode: string;
  params: ReasonParams;
  occurredAt: string;
}

/** An award the rules want to exist. */
export interface AwardDraft extends AwardFields {
  rule: RuleCode;
  reasonCode: RuleCode;
}

export interface ScoringEmployee {
  id: string;
  name: string;
  role: Role;
}

/** What the rules may know about the organisation and the office. */
export interface ScoringContext {
  /** The rule set in effect at an instant (rules are versioned by effective date). */
  rulesAt(at: string): RuleSet;
  timeZone: string;
  employee(id: string): ScoringEmployee | undefined;
  /** The team an employee belonged to at an instant. */
  teamAt(employeeId: string, at: string): string | null;
  /** Who held a team's role slot at an instant. */
  memberAt(teamId: string, role: Role, at: string): string | null;
  teamName(teamId: string): string;
}

export function scopeKey(scope: ScoringScope): string {
  switch (scope.kind) {
    case 'event':
      return `event:${scope.eventId}`;
    case 'daily-norm':
      return `norm:${scope.employeeId}:${scope.day}`;
    case 'client':
      return `client:${scope.clientId}`;
    default:
      return assertNever(scope);
  }
}

/** Events with the same `occurredAt` are ordered by `id`. */
export function compareEvents(a: ActivityEvent, b: ActivityEvent): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The office's currency: amounts in events and awards are roubles (PRODUCT.md: RUB by default). */
export const CURRENCY = 'RUB';

/** What an award is made of, before its keys and fallback sentence are derived. */
export interface DraftSpec {
  rules: RuleSet;
  scope: ScoringScope;
  event: ActivityEvent;
  /** The person awarded, or null for a team-only award. */
  who: ScoringEmployee | null;
  rule: RuleCode;
  points: number;
  /** The English fallback of the reason, without the subject and the points. */
  what: string;
  /** The numbers and names behind the reason (PRODUCT.md, "Reasons are data"). */
  params: ReasonParams;
  teamId: string | null;
  keySuffix?: string;
  /** For a team-only award: the team's name. */
  teamName?: string;
}

/** An award to a person (or, with `who` null, to a team only), keyed within its scope. */
export function draft(spec: DraftSpec): AwardDraft {
  const { rules, scope, event, who, rule, points, what, teamId, keySuffix = '', teamName } = spec;
  const key = scopeKey(scope);
  const subject: ReasonParams = who ? { employee: who.name } : { team: teamName ?? teamId ?? '' };
  return {
    key: `${key}#${rule}${keySuffix}`,
    scopeKey: key,
    eventId: event.id,
    rule,
    ruleVersion: rules.version,
    employeeId: who?.id ?? null,
    teamId,
    points,
    reason: `${who ? who.name : (teamName ?? teamId ?? '')}: ${what}, ${points > 0 ? '+' : ''}${points}`,
    reasonCode: rule,
    params: { ...subject, ...spec.params },
    occurredAt: event.occurredAt,
  };
}

/** A client's params: its id, and its name as the events last gave it (else the id). */
export function clientParams(clientId: string, name: string | undefined): ReasonParams {
  return { clientId, client: name ?? clientId };
}

/** The client name the latest event of a history gives, in `occurredAt` order. */
export function latestClientName(history: readonly ActivityEvent[]): string | undefined {
  let latest: ActivityEvent | undefined;
  for (const e of history) if (e.clientName !== undefined && (!latest || compareEvents(e, latest) > 0)) latest = e;
  return latest?.clientName;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected ${JSON.stringify(x)}`);
}
