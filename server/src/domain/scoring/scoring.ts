import type { ActivityEvent, ReasonParams } from '@conveyor/shared';
import { dayRange, localDate } from '../periods/zoned-time.js';
import { scoreClient } from './relay.js';
import { RULES, type RuleCode, type RuleSet } from './rule-set.js';
import {
  assertNever,
  clientParams,
  compareEvents,
  draft,
  type AwardDraft,
  type ScopeHistoryQuery,
  type ScoringContext,
  type ScoringScope,
} from './award.js';
export type { AwardDraft, AwardFields, ScopeHistoryQuery, ScoringContext, ScoringEmployee, ScoringScope } from './award.js';
export { compareEvents, scopeKey } from './award.js';

/** The scopes an event takes part in. */
export function scopesOf(event: ActivityEvent, ctx: ScoringContext): ScoringScope[] {
  const scopes: ScoringScope[] = [{ kind: 'event', eventId: event.id }];
  if (event.type === 'call' && ctx.employee(event.employeeId)?.role === 'telemarketer') {
    scopes.push({ kind: 'daily-norm', employeeId: event.employeeId, day: localDate(new Date(event.occurredAt), ctx.timeZone) });
  }
  if ('clientId' in event && event.clientId) scopes.push({ kind: 'client', clientId: event.clientId });
  return scopes;
}

export function historyQuery(scope: ScoringScope, timeZone: string): ScopeHistoryQuery {
  switch (scope.kind) {
    case 'event':
      return { kind: 'event', eventId: scope.eventId };
    case 'daily-norm': {
      const { start, end } = dayRange(scope.day, timeZone);
      return { kind: 'employee-events', employeeId: scope.employeeId, types: ['call'], from: start, to: end };
    }
    case 'client':
      return { kind: 'client-events', clientId: scope.clientId };
    default:
      return assertNever(scope);
  }
}

/** The awards a scope's history earns. `history` is every non-voided event of the scope, in any order. */
export function scoreScope(scope: ScoringScope, history: readonly ActivityEvent[], ctx: ScoringContext): AwardDraft[] {
  switch (scope.kind) {
    case 'event':
      return history.flatMap((event) => scoreEvent(event, ctx));
    case 'daily-norm':
      return scoreDailyNorm(scope, history, ctx);
    case 'client':
      return scoreClient(scope.clientId, history, ctx);
    default:
      return assertNever(scope);
  }
}

export function isSuccessfulCall(event: ActivityEvent, rules: RuleSet): boolean {
  return event.type === 'call' && event.durationSec >= rules.telemarketer.successfulCallSec;
}

function scoreEvent(event: ActivityEvent, ctx: ScoringContext): AwardDraft[] {
  if (event.type === 'payment.received') return []; // relay credit: scored per client (a later scope)
  const who = ctx.employee(event.employeeId);
  if (!who) return [];
  const rules = ctx.rulesAt(event.occurredAt);
  const t = rules.telemarketer;
  const clientId = 'clientId' in event ? event.clientId : undefined;
  const award = (rule: RuleCode, points: number, what: string, params: ReasonParams = {}): AwardDraft[] =>
    points === 0
      ? []
      : [
          draft({
            rules,
            scope: { kind: 'event', eventId: event.id },
            event,
            who,
            rule,
            points,
            what,
            params: { ...(clientId ? clientParams(clientId, event.clientName) : {}), ...params },
            teamId: ctx.teamAt(who.id, event.occurredAt),
          }),
        ];
  const client = clientId ? ` (${clientId})` : '';

  if (who.role === 'telemarketer') {
    switch (event.type) {
      case 'call':
        return isSuccessfulCall(event, rules)
          ? award(RULES.call, t.successfulCall, `successful call, ${event.durationSec} s`, { seconds: event.durationSec })
          : [];
      case 'email.general':
        return award(RULES.emailGeneral, t.emailGeneral, `intro email to the general mailbox${client}`);
      case 'need.identified':
        return award(RULES.needIdentified, t.needIdentified, `got past the secretary and identified the need${client}`);
      case 'email.decision_maker':
        return award(RULES.emailDecisionMaker, t.emailDecisionMaker, `intro email to the decision maker${client}`);
      case 'meeting.scheduled':
        return award(RULES.meetingScheduled, t.meetingScheduled, `meeting scheduled${client}`);
      default:
        return [];
    }
  }
  if (who.role === 'sales') {
    const s = rules.sales;
    switch (event.type) {
      case 'meeting.held':
        return award(RULES.meetingHeld, s.meetingHeld, `meeting held${client}`);
      case 'contract.signed':
        return award(RULES.contractSigned, s.contractSigned, `contract signed${client}`);
      default:
        return [];
    }
  }
  return [];
}

function scoreDailyNorm(
  scope: Extract<ScoringScope, { kind: 'daily-norm' }>,
  history: readonly ActivityEvent[],
  ctx: ScoringContext,
): AwardDraft[] {
  const who = ctx.employee(scope.employeeId);
  if (!who || who.role !== 'telemarketer') return [];
  // The rules of the day's first call decide what counts, so one day has one norm.
  const calls = [...history].sort(compareEvents);
  if (calls.length === 0) return [];
  const rules = ctx.rulesAt(calls[0]!.occurredAt);
  const t = rules.telemarketer;
  if (t.dailyNormBonus === 0 || t.dailyNorm < 1) return [];
  const normCall = calls.filter((e) => isSuccessfulCall(e, rules))[t.dailyNorm - 1];
  if (!normCall) return [];
  return [
    draft({
      rules,
      scope,
      event: normCall,
      who,
      rule: RULES.dailyNorm,
      points: t.dailyNormBonus,
      what: `${t.dailyNorm}th successful call today, daily norm reached`,
      params: { calls: t.dailyNorm },
      teamId: ctx.teamAt(who.id, normCall.occurredAt),
    }),
  ];
}
