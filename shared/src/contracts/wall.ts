import { z } from 'zod';
import type { Role } from './roles.js';

/** The wall's slides: team standings per period, targets, most improved people, the hall of fame. */
export const WALL_SLIDES = ['month', 'quarter', 'year', 'targets', 'improved', 'fame'] as const;
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
  people: { employeeId: string; name: string }[];
  occurredAt: string;
  at: string;
}
