import { z } from 'zod';
import { PERIOD_KINDS, type PeriodKind } from './period.js';
import type { Role } from './roles.js';
import { LocalDateSchema } from './time.js';

/**
 * The conveyor's stages, in chain order (PRODUCT.md, "Funnel and weak links"). Each has one owner;
 * `calls` is successful calls per working day, the others are ratios.
 */
export const FUNNEL_STAGES = ['calls', 'call.success', 'need', 'meeting.set', 'meeting.held', 'contract', 'retention'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const STAGE_OWNER: Record<FunnelStage, Role> = {
  calls: 'telemarketer',
  'call.success': 'telemarketer',
  need: 'telemarketer',
  'meeting.set': 'telemarketer',
  'meeting.held': 'sales',
  contract: 'sales',
  retention: 'account',
};

/** The stages one role owns, in chain order. */
export function stagesOf(role: Role): FunnelStage[] {
  return FUNNEL_STAGES.filter((s) => STAGE_OWNER[s] === role);
}

/** One stage: `rate` is numerator / denominator, null when nothing was counted under it. */
export interface StageValue {
  numerator: number;
  denominator: number;
  rate: number | null;
}

export type FunnelStages = Record<FunnelStage, StageValue>;

/** Clients kept by an account manager (or a team, or the office): how many, how long they stay, what they pay over their life. */
export interface ClientsKept {
  /** Clients kept at some time in the period (they had paid before its end and had not churned before its start). */
  kept: number;
  /** Their average lifetime in months, from the first payment to the churn or the period's end. */
  avgLifetimeMonths: number | null;
  /** Their average LTV: all payments of a client, in `currency`. */
  ltv: number | null;
  currency: string;
}

/** The period a report covers: `from` is its first instant, `to` the first instant after it (UTC). */
export interface AnalyticsPeriod {
  kind: PeriodKind;
  key: string;
  from: string;
  to: string;
  /** Working days of the office calendar in the period, up to today for the current one: the denominator of `calls`. */
  workingDays: number;
}

export interface FunnelTeamRow {
  teamId: string;
  name: string;
  stages: FunnelStages;
  clients: ClientsKept;
}

/** A person under one team: someone who moved during the period has a row per team, each with what they did there. */
export interface FunnelEmployeeRow {
  employeeId: string;
  name: string;
  role: Role;
  teamId: string | null;
  /** The stages of their role only. */
  stages: Partial<FunnelStages>;
  /** Account managers only. */
  clients?: ClientsKept;
}

/** GET /api/analytics/funnel. */
export interface FunnelReport {
  period: AnalyticsPeriod;
  office: { stages: FunnelStages; clients: ClientsKept };
  teams: FunnelTeamRow[];
  employees: FunnelEmployeeRow[];
}

/** Message codes of findings and signals: screens say them in words (PRODUCT.md, "Reasons are data"). */
export type WeakLinkCode = `weak_link.${FunnelStage}`;

/** Numbers behind a finding's or a signal's words; rates as fractions (0.2 is 20 %). */
export interface AnalyticsParams {
  name: string;
  numerator?: number;
  denominator?: number;
  rate?: number;
  officeRate?: number;
  clients?: number;
  amount?: number;
  currency?: string;
  points?: number;
  period?: string;
  value?: number;
  officeValue?: number;
  count?: number;
  of?: number;
  seconds?: number;
  hours?: number;
  minSec?: number;
  maxSec?: number;
}

/** What a shortfall costs downstream at the office's later-stage rates. */
export interface LostValue {
  clients: number;
  rub: number;
  points: number;
}

export interface WeakLinkFinding {
  stage: FunnelStage;
  employeeId: string;
  teamId: string | null;
  rate: number;
  officeRate: number;
  numerator: number;
  denominator: number;
  /** One-sided: how likely a rate this low is for an ordinary member of the role (before correction). */
  pValue: number;
  /** Below the others with a corrected p-value under 0.01 and a sample big enough to tell. */
  significant: boolean;
  lost: LostValue;
  reasonCode: WeakLinkCode;
  params: AnalyticsParams;
}

/** GET /api/analytics/weak-links. */
export interface WeakLinksReport {
  period: AnalyticsPeriod;
  /** How many person-stage pairs were tested (the correction's count). */
  tested: number;
  findings: WeakLinkFinding[];
}

export const SIGNAL_KINDS = ['calls.near_threshold', 'burst', 'backdated', 'self_reported', 'voids'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** A fair-play question for a manager (never a penalty, never on the wall). */
export interface FairPlaySignal {
  kind: SignalKind;
  employeeId: string;
  teamId: string | null;
  /** The person's share or count (see the kind); `officeValue` the same for the rest of the office. */
  value: number;
  officeValue: number;
  reasonCode: `signal.${SignalKind}`;
  params: AnalyticsParams;
}

/** GET /api/analytics/signals. */
export interface SignalsReport {
  period: AnalyticsPeriod;
  signals: FairPlaySignal[];
}

/** One of my stages beside the office median for my role. */
export interface MeFunnelStage {
  stage: FunnelStage;
  mine: StageValue;
  /** The median rate of the people of my role who had anything counted; null when nobody had. */
  officeMedian: number | null;
}

/** GET /api/me/funnel: my own stages, and the step that would help most, in encouraging words. */
export interface MeFunnel {
  period: AnalyticsPeriod;
  role: Role;
  stages: MeFunnelStage[];
  /** The stage furthest below the median (relative), or null when I am at or above it everywhere. */
  nextStep: { stage: FunnelStage; reasonCode: `me.next.${FunnelStage}`; params: AnalyticsParams } | null;
}

/** ?period=month|quarter|year&at=YYYY-MM-DD of every analytics endpoint. */
export const AnalyticsQuerySchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).default('month'),
  at: LocalDateSchema.optional(),
});
export type AnalyticsQuery = z.input<typeof AnalyticsQuerySchema>;

/** GET /api/analytics/people/:id?months=6: one person's stages month by month, for the drill-down. */
export interface PersonFunnelHistory {
  employeeId: string;
  name: string;
  role: Role;
  months: { key: string; stages: Partial<FunnelStages> }[];
}

/** GET /api/analytics/people/:id/events?stage=&period=&at=: the events behind one of a person's numbers. */
export interface StageEvent {
  id: string;
  type: string;
  occurredAt: string;
  clientId: string | null;
  clientName: string | null;
  durationSec: number | null;
  /** Whether it counts in the numerator (else only in the denominator). */
  counted: boolean;
}

/**
 * GET/PUT /api/settings/calendar: which days are working days (the denominator of `calls`).
 * `weekdays` 1 (Monday) to 7; `holidays` are days off that would be working; `workdays` are weekend
 * days that are working (a transferred day).
 */
export const OfficeCalendarSchema = z.strictObject({
  weekdays: z.array(z.number().int().min(1).max(7)).max(7),
  holidays: z.array(LocalDateSchema).max(400),
  workdays: z.array(LocalDateSchema).max(100),
});
export type OfficeCalendar = z.infer<typeof OfficeCalendarSchema>;
