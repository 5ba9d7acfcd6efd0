import { z } from 'zod';
import { EVENT_TYPES, type EventSource, type EventType } from './event.js';
import { LocalDateSchema } from './time.js';

const IdSchema = z.string().trim().min(1).max(128);

/** How many events one page of `GET /api/events` holds at most. */
export const MAX_EVENTS_PAGE = 200;

/**
 * `GET /api/events`: the office's events, newest first. Dates are office-local days, both ends
 * included; `before` is the `next` cursor of the previous page. An unknown parameter is refused.
 */
export const EventsQuerySchema = z
  .strictObject({
    employeeId: IdSchema.optional(),
    clientId: IdSchema.optional(),
    /** Part of a client's name or id, any case. */
    client: z.string().trim().min(1).max(200).optional(),
    type: z.enum(EVENT_TYPES).optional(),
    from: LocalDateSchema.optional(),
    to: LocalDateSchema.optional(),
    voided: z.enum(['true', 'false']).optional(),
    before: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,400}$/, 'must be the next cursor of an earlier page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type EventsQuery = z.input<typeof EventsQuerySchema>;

/** One event as the console lists it: names resolved, money and points as numbers. */
export interface EventRow {
  id: string;
  type: EventType;
  occurredAt: string;
  receivedAt: string;
  employee: { id: string; name: string } | null;
  /** Whom a meeting was set for or a client handed to. */
  toEmployee: { id: string; name: string } | null;
  /** `name` null when no event ever named the client. */
  client: { id: string; name: string | null } | null;
  /** The person's team when it happened (a payment: the team its points went to). */
  team: { id: string; name: string } | null;
  amount: number | null;
  currency: string | null;
  durationSec: number | null;
  /** What the event's ledger entries sum to now (0 once voided, unless bonuses moved onto it). */
  points: number;
  /** The points it was awarded before any reversal. */
  awarded: number;
  voided: { at: string; reason: string } | null;
  source: EventSource | null;
}

/** A page of events; `next` asks for the following one, null at the end. */
export interface EventsPage {
  events: EventRow[];
  next: string | null;
}
