/** The numbers of the scoring scheme. Every number is configurable; these are PRODUCT.md's defaults. */
export interface RuleSet {
  version: number;
  telemarketer: {
    /** A call of at least this many seconds is successful. */
    successfulCallSec: number;
    successfulCall: number;
    /** The Nth successful call of a local day earns the norm bonus, once a day. */
    dailyNorm: number;
    dailyNormBonus: number;
    emailGeneral: number;
    needIdentified: number;
    emailDecisionMaker: number;
    meetingScheduled: number;
  };
  sales: {
    meetingHeld: number;
    contractSigned: number;
  };
}

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
  },
  sales: {
    meetingHeld: 5,
    contractSigned: 20,
  },
};

/** Rule codes as they appear on ledger entries. */
export const RULES = {
  call: 'telemarketer.call',
  dailyNorm: 'telemarketer.daily_norm',
  emailGeneral: 'telemarketer.email_general',
  needIdentified: 'telemarketer.need_identified',
  emailDecisionMaker: 'telemarketer.email_decision_maker',
  meetingScheduled: 'telemarketer.meeting_scheduled',
  meetingHeld: 'sales.meeting_held',
  contractSigned: 'sales.contract_signed',
} as const;
export type RuleCode = (typeof RULES)[keyof typeof RULES];
