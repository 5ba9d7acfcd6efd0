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
    /** When a client they sourced makes its first payment. */
    firstPaymentBonus: number;
  };
  sales: {
    meetingHeld: number;
    contractSigned: number;
    /** Points per 1,000 of the amount of the first payment of a client they sold, and of its renewal. */
    firstPaymentPerThousand: number;
    renewalPerThousand: number;
  };
  account: {
    /** Points per 1,000 of every payment of a client they keep. */
    paymentPerThousand: number;
    /** The rate is multiplied by this while the client is new. */
    newClientMultiplier: number;
    /** A client is new for this many calendar months from its first payment. */
    newClientMonths: number;
    /** Quarterly retention bonus: an established client's payments in a quarter reach the threshold. */
    retentionThreshold: number;
    retentionBonus: number;
  };
  team: {
    /** Team-only: the renewal completes the chain, for the source telemarketer's team. */
    chainCompleted: number;
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
  firstPaymentSourced: 'telemarketer.first_payment',
  salesFirstPayment: 'sales.first_payment',
  salesRenewal: 'sales.renewal',
  accountPayment: 'account.payment',
  accountRetention: 'account.retention_bonus',
  chainCompleted: 'team.chain_completed',
} as const;
export type RuleCode = (typeof RULES)[keyof typeof RULES];
