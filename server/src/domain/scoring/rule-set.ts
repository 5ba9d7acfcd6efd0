import { RULE_CODES, type RuleCode, type RuleParams } from '@conveyor/shared';

/** The numbers of the scoring scheme (the shared contract), with the version they belong to. */
export type RuleSet = RuleParams & { version: number };

export const DEFAULT_RULES: RuleSet = {
  version: 1,
  telemarketer: {
    successfulCallSec: 30,
    successfulCall: 1,
    dailyNorm: 45,
    dailyNormBonus: 10,
    emailGeneral: 2,
    needIdentified: 5,
    emailDecisionMaker: 3,
    meetingScheduled: 15,
    firstPaymentBonus: 25,
  },
  sales: {
    meetingHeld: 5,
    contractSigned: 20,
    firstPaymentPerThousand: 1,
    renewalPerThousand: 1,
  },
  account: {
    paymentPerThousand: 0.5,
    newClientMultiplier: 2,
    newClientMonths: 3,
    retentionThreshold: 300_000,
    retentionBonus: 50,
  },
  team: {
    chainCompleted: 30,
    targetBonus: 100,
  },
};

/** Rule codes as they appear on ledger entries: the shared contract's, so screens have a message for each. */
export const RULES = RULE_CODES;
export type { RuleCode };

/** Applies a partial set of numbers onto a base (used by new versions and previews). */
export function withPatch(base: RuleParams, patch: { [K in keyof RuleParams]?: Partial<RuleParams[K]> | undefined }): RuleParams {
  return {
    telemarketer: { ...base.telemarketer, ...patch.telemarketer },
    sales: { ...base.sales, ...patch.sales },
    account: { ...base.account, ...patch.account },
    team: { ...base.team, ...patch.team },
  };
}

/** The version in effect at an instant: the latest whose `effectiveFrom` is not after it. */
export function ruleSetAt(versions: readonly (RuleSet & { effectiveFrom: string })[], at: string): RuleSet {
  let found: (RuleSet & { effectiveFrom: string }) | undefined;
  for (const v of versions)
    if (
      v.effectiveFrom <= at &&
      (!found || v.effectiveFrom > found.effectiveFrom || (v.effectiveFrom === found.effectiveFrom && v.version > found.version))
    )
      found = v;
  return found ?? DEFAULT_RULES;
}
