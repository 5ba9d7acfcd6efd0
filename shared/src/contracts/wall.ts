import { z } from 'zod';
import type { Role } from './roles.js';

/** The wall's slides: team standings per period, today's race to the daily norm, targets, most improved people, the hall of fame. */
export const WALL_SLIDES = ['month', 'quarter', 'year', 'today', 'targets', 'improved', 'fame'] as const;
export type WallSlide = (typeof WALL_SLIDES)[number];

/** GET/PUT /api/settings/wall: what the office's screens show and for how long. */
export const WallSettingsSchema = z.strictObject({
  /** The slides in order, each shown for `seconds`. */
  slides: z
    .array(z.strictObject({ slide: z.enum(WALL_SLIDES), seconds: z.number().int().min(5).max(600) }))
    .min(1)
    .max(12),
  /** How many teams and how many people per role a slide names; the rest are counted, never named. */
  top: z.number().int().min(1).max(20),
  /** Celebrate a payment of at least this amount (0: never). */
  bigPayment: z.number().min(0).max(1e12),
  /** Play a short sound with a celebration. */
  sound: z.boolean(),
});
export type WallSettings = z.infer<typeof WallSettingsSchema>;

export const DEFAULT_WALL: WallSettings = {
  slides: [
    { slide: 'month', seconds: 30 },
    { slide: 'today', seconds: 15 },
    { slide: 'quarter', seconds: 15 },
    { slide: 'targets', seconds: 15 },
    { slide: 'improved', seconds: 15 },
    { slide: 'year', seconds: 15 },
    { slide: 'fame', seconds: 15 },
  ],
  top: 5,
  bigPayment: 300_000,
  sound: false,
};

/** GET /api/standings/today: the telemarketers' race to the daily norm of successful calls, today in the office. */
export interface TodayRace {
  /** Today, office-local (YYYY-MM-DD). */
  date: string;
  /** Successful calls a day (the rules' daily norm). */
  norm: number;
  /** A call counts from this many seconds. */
  minCallSeconds: number;
  /** The working hours the norm is spread over (09:00 to 18:00 office time), UTC instants: the pace line runs along them. */
  dayStart: string;
  dayEnd: string;
  /** When this was read (the server's clock). */
  at: string;
  /** Every active telemarketer, in a fixed order (by name): lanes stay put while the counts move, and nobody is shown last. */
  lanes: TodayLane[];
}

export interface TodayLane {
  id: string;
  name: string;
  teamName: string | null;
  photoUrl?: string | null;
  /** Successful calls today. */
  calls: number;
}

/** GET /api/standings/improved: people gaining the most on their pace in the previous period. */
export interface ImprovedRow {
  id: string;
  name: string;
  role: Role;
  teamName: string | null;
  /** Points this period so far. */
  points: number;
  /** Points in the previous period over the same elapsed time. */
  previous: number;
  gain: number;
}

/** A person a moment is about, as they were when it was recorded: the card shows their face, name and team. */
export interface MomentPerson {
  employeeId: string;
  name: string;
  /** Absent in moments recorded before it was stated. */
  role?: Role;
  /** Their team at the event, or null without one; absent in moments recorded before it was stated. */
  teamName?: string | null;
  /** Their photo (`/api/photos/…`), or null: the card draws initials on a colour. */
  photoUrl?: string | null;
}

/**
 * `client.new` (a client's first payment: it became a client) and `client.renewal` (the client's
 * renewal: its first payment in the calendar month after the month of the first payment).
 */
export interface ClientPayment {
  eventId: string;
  clientId: string;
  /** The client's latest name, or null when it has none (screens never show a client's id). */
  client: string | null;
  amount: number;
  currency: string;
  /** Who brought it: the seller, then the telemarketer who sourced it (a new client) or the account manager keeping it (a renewal). */
  people: MomentPerson[];
  occurredAt: string;
  at: string;
}

/** `payment.big`: a payment at or above the wall's amount. */
export interface BigPayment {
  eventId: string;
  clientId: string;
  /** The client's latest name (its id when it has none); absent in moments recorded before clients had names. */
  client?: string;
  amount: number;
  /** Absent in moments recorded before it was stated: the office's currency. */
  currency?: string;
  /** The people it scored for (seller, keeper). */
  people: MomentPerson[];
  occurredAt: string;
  at: string;
}
