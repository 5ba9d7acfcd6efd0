import { z } from 'zod';
import { PERIOD_KINDS } from './period.js';
import { BOARDS } from './board.js';
import type { StandingsRow } from './standings.js';
import { InstantOrDateSchema, LocalDateSchema } from './time.js';

const points = z.number().int().min(0).max(1_000_000);
const rate = z.number().min(0).max(1000).multipleOf(0.0001);

/** Every number of the scoring scheme (PRODUCT.md, "Default scoring"). */
export const RuleParamsSchema = z.strictObject({
  telemarketer: z.strictObject({
    successfulCallSec: z.number().int().min(0).max(3600),
    successfulCall: points,
    dailyNorm: z.number().int().min(1).max(1000),
    dailyNormBonus: points,
    emailGeneral: points,
    needIdentified: points,
    emailDecisionMaker: points,
    meetingScheduled: points,
    firstPaymentBonus: points,
  }),
  sales: z.strictObject({
    meetingHeld: points,
    contractSigned: points,
    firstPaymentPerThousand: rate,
    renewalPerThousand: rate,
  }),
  account: z.strictObject({
    paymentPerThousand: rate,
    newClientMultiplier: z.number().min(0).max(100).multipleOf(0.0001),
    newClientMonths: z.number().int().min(0).max(36),
    retentionThreshold: z.number().min(0).max(1e12),
    retentionBonus: points,
  }),
  team: z.strictObject({
    chainCompleted: points,
    /** Team-only bonus when a team's points in a period reach the target a manager set. */
    targetBonus: points,
  }),
});
export type RuleParams = z.infer<typeof RuleParamsSchema>;

/** Any subset of the numbers; the rest come from the version it is based on. */
export const RuleParamsPatchSchema = z.strictObject({
  telemarketer: RuleParamsSchema.shape.telemarketer.partial().optional(),
  sales: RuleParamsSchema.shape.sales.partial().optional(),
  account: RuleParamsSchema.shape.account.partial().optional(),
  team: RuleParamsSchema.shape.team.partial().optional(),
});
export type RuleParamsPatch = z.infer<typeof RuleParamsPatchSchema>;

/** One version of the rules, in effect from `effectiveFrom` until the next version's. */
export interface RuleVersion {
  version: number;
  effectiveFrom: string;
  rules: RuleParams;
  note: string;
  createdAt: string;
}

/** POST /api/rules: a new version from a date on (default now); never earlier than now. */
export const CreateRuleVersionSchema = z.strictObject({
  effectiveFrom: InstantOrDateSchema.optional(),
  rules: RuleParamsPatchSchema,
  note: z.string().trim().max(500).default(''),
});
export type CreateRuleVersion = z.input<typeof CreateRuleVersionSchema>;

/** POST /api/rules/preview: replay a period under proposed numbers, writing nothing. */
export const RulePreviewRequestSchema = z.strictObject({
  rules: RuleParamsPatchSchema,
  board: z.enum(BOARDS).default('teams'),
  period: z.enum(PERIOD_KINDS).default('month'),
  at: LocalDateSchema.optional(),
});
export type RulePreviewRequest = z.input<typeof RulePreviewRequestSchema>;

export interface RulePreview {
  board: (typeof BOARDS)[number];
  period: (typeof PERIOD_KINDS)[number];
  key: string;
  start: string;
  end: string;
  /** The rules the preview used: the current version with the proposal applied. */
  rules: RuleParams;
  /** What the standings are, and what they would have been. */
  current: StandingsRow[];
  proposed: StandingsRow[];
}
