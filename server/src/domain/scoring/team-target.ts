import type { PeriodKind } from '@conveyor/shared';
import { RULES, type RuleSet } from './rule-set.js';
import type { AwardDraft } from './award.js';

/** A team's target for one period. */
export interface TargetScope {
  teamId: string;
  period: PeriodKind;
  periodKey: string;
}

/** An award standing for the team in the period (the target bonus itself excluded). */
export interface TeamAwardPoint {
  key: string;
  eventId: string;
  occurredAt: string;
  points: number;
}

export function targetScopeKey(s: TargetScope): string {
  return `target:${s.teamId}:${s.period}:${s.periodKey}`;
}

/** The scope back from a target bonus's award key (`{targetScopeKey}#{rule}`); null for any other key. */
export function targetScopeOfKey(awardKey: string): TargetScope | null {
  const m = /^target:(.+):(month|quarter|year):([^:#]+)#/.exec(awardKey);
  return m ? { teamId: m[1]!, period: m[2] as PeriodKind, periodKey: m[3]! } : null;
}

/**
 * The team-target bonus: once per period, at the award that brings the team's points (in
 * `occurredAt` order) to the target. Team-only: it counts on team boards, not for any person.
 */
export function scoreTeamTarget(
  scope: TargetScope,
  awards: readonly TeamAwardPoint[],
  target: number,
  rulesAt: (at: string) => RuleSet,
  teamName: string,
): AwardDraft[] {
  const ordered = [...awards].sort((a, b) =>
    a.occurredAt !== b.occurredAt
      ? a.occurredAt < b.occurredAt
        ? -1
        : 1
      : a.eventId < b.eventId
        ? -1
        : a.eventId > b.eventId
          ? 1
          : a.key < b.key
            ? -1
            : 1,
  );
  let sum = 0;
  for (const award of ordered) {
    sum += award.points;
    if (sum < target) continue;
    const rules = rulesAt(award.occurredAt);
    const bonus = rules.team.targetBonus;
    if (bonus <= 0) return [];
    const key = targetScopeKey(scope);
    return [
      {
        key: `${key}#${RULES.targetReached}`,
        scopeKey: key,
        eventId: award.eventId,
        rule: RULES.targetReached,
        ruleVersion: rules.version,
        employeeId: null,
        teamId: scope.teamId,
        points: bonus,
        reason: `${teamName}: reached the ${scope.period} target of ${target} points (${scope.periodKey}), +${bonus}`,
        reasonCode: RULES.targetReached,
        params: { team: teamName, target, period: scope.periodKey },
        occurredAt: award.occurredAt,
      },
    ];
  }
  return [];
}
