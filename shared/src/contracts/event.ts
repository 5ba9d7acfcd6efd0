import { z } from 'zod';
import type { FieldError } from './api-error.js';
import { INTEGRATION_SYSTEMS } from './employee.js';
import { why } from './field-reasons.js';
import { issuesToFieldErrors } from './issues.js';
import type { Award } from './ledger.js';
import { InstantSchema } from './time.js';

/** The default event catalogue (PRODUCT.md). */
export const EVENT_TYPES = [
  'call',
  'email.general',
  'need.identified',
  'email.decision_maker',
  'meeting.scheduled',
  'meeting.held',
  'proposal.sent',
  'contract.signed',
  'client.handed_over',
  'payment.received',
  'client.churned',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

type Presence = 'required' | 'optional' | 'forbidden';

/** Which optional fields each event type takes. */
export const EVENT_FIELDS: Record<
  EventType,
  { employeeId: Presence; clientId: Presence; durationSec: Presence; amount: Presence; toEmployeeId: Presence }
> = {
  call: { employeeId: 'required', clientId: 'optional', durationSec: 'required', amount: 'forbidden', toEmployeeId: 'forbidden' },
  'email.general': {
    employeeId: 'required',
    clientId: 'optional',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
  'need.identified': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
  'email.decision_maker': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
  'meeting.scheduled': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'optional',
  },
  'meeting.held': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
  'proposal.sent': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
  'contract.signed': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
  'client.handed_over': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'optional',
  },
  'payment.received': {
    employeeId: 'forbidden',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'required',
    toEmployeeId: 'forbidden',
  },
  'client.churned': {
    employeeId: 'required',
    clientId: 'required',
    durationSec: 'forbidden',
    amount: 'forbidden',
    toEmployeeId: 'forbidden',
  },
};

const IdSchema = z.string().trim().min(1).max(128);

/**
 * Where an event comes from: the CRM or telephony system that recorded it, or `manual` when a
 * person typed it in. An event without one is self-reported (a fair-play signal counts them).
 */
export const EVENT_SOURCES = [...INTEGRATION_SYSTEMS, 'manual'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** The wire shape of one activity event, as a CRM sends it. Unknown fields are ignored. */
export const ActivityEventInputSchema = z
  .object({
    id: IdSchema,
    type: z.enum(EVENT_TYPES),
    occurredAt: InstantSchema,
    employeeId: IdSchema.nullish(),
    clientId: IdSchema.nullish(),
    durationSec: z.number().int().min(0).max(86_400).nullish(),
    amount: z
      .number()
      .positive()
      .max(1e12)
      .refine((a) => Math.abs(a * 100 - Math.round(a * 100)) < 1e-6, {
        message: 'must have at most 2 decimal places',
        params: { why: why('decimals') },
      })
      .nullish(),
    toEmployeeId: IdSchema.nullish(),
    /** The company as the CRM calls it; the latest one given names the client everywhere. */
    clientName: z.string().trim().min(1).max(200, 'must be at most 200 characters').nullish(),
    source: z.enum(EVENT_SOURCES).nullish(),
  })
  .superRefine((input, ctx) => {
    const fields = EVENT_FIELDS[input.type];
    for (const field of ['employeeId', 'clientId', 'durationSec', 'amount', 'toEmployeeId'] as const) {
      const present = input[field] !== undefined && input[field] !== null;
      if (fields[field] === 'required' && !present) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `is required for ${input.type}`,
          params: { why: why('required_for', { type: input.type }) },
        });
      } else if (fields[field] === 'forbidden' && present) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `is not used by ${input.type}`,
          params: { why: why('not_used_by', { type: input.type }) },
        });
      }
    }
  });
export type ActivityEventInput = z.input<typeof ActivityEventInputSchema>;

interface EventBase {
  /** Chosen by the sender; sending it again never counts twice. */
  id: string;
  /** UTC ISO-8601 with milliseconds, e.g. 2026-11-27T07:00:00.000Z. */
  occurredAt: string;
  /** The client's name as the CRM calls it (PRODUCT.md, "Clients have names"). */
  clientName?: string;
  /** The system that recorded it; absent when self-reported. */
  source?: EventSource;
}
/** A validated, normalized activity event. */
export type ActivityEvent =
  | (EventBase & { type: 'call'; employeeId: string; clientId?: string; durationSec: number })
  | (EventBase & { type: 'email.general'; employeeId: string; clientId?: string })
  | (EventBase & {
      type: 'need.identified' | 'email.decision_maker' | 'meeting.held' | 'proposal.sent' | 'contract.signed' | 'client.churned';
      employeeId: string;
      clientId: string;
    })
  | (EventBase & { type: 'meeting.scheduled' | 'client.handed_over'; employeeId: string; clientId: string; toEmployeeId?: string })
  | (EventBase & { type: 'payment.received'; clientId: string; amount: number });

const NormalizedBase = {
  id: z.string(),
  occurredAt: z.string(),
  clientName: z.string().optional(),
  source: z.enum(EVENT_SOURCES).optional(),
};

/**
 * A normalized event, one variant per field set (EVENT_FIELDS); what the wire shape becomes once its
 * fields are checked. Unknown and absent fields are dropped.
 */
export const ActivityEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...NormalizedBase,
    type: z.literal('call'),
    employeeId: z.string(),
    clientId: z.string().optional(),
    durationSec: z.number(),
  }),
  z.object({ ...NormalizedBase, type: z.literal('email.general'), employeeId: z.string(), clientId: z.string().optional() }),
  z.object({
    ...NormalizedBase,
    type: z.enum(['need.identified', 'email.decision_maker', 'meeting.held', 'proposal.sent', 'contract.signed', 'client.churned']),
    employeeId: z.string(),
    clientId: z.string(),
  }),
  z.object({
    ...NormalizedBase,
    type: z.enum(['meeting.scheduled', 'client.handed_over']),
    employeeId: z.string(),
    clientId: z.string(),
    toEmployeeId: z.string().optional(),
  }),
  z.object({ ...NormalizedBase, type: z.literal('payment.received'), clientId: z.string(), amount: z.number() }),
]) satisfies z.ZodType<ActivityEvent>;

/** Known fields only, nulls dropped, `occurredAt` as a UTC instant, `amount` in whole cents. */
function normalizeFields(input: z.output<typeof ActivityEventInputSchema>): Record<string, unknown> {
  return {
    id: input.id,
    type: input.type,
    occurredAt: new Date(input.occurredAt).toISOString(),
    ...(input.employeeId != null && { employeeId: input.employeeId }),
    ...(input.clientId != null && { clientId: input.clientId }),
    ...(input.durationSec != null && { durationSec: input.durationSec }),
    ...(input.amount != null && { amount: Math.round(input.amount * 100) / 100 }),
    ...(input.toEmployeeId != null && { toEmployeeId: input.toEmployeeId }),
    ...(input.clientName != null && { clientName: input.clientName }),
    ...(input.source != null && { source: input.source }),
  };
}

/** Canonical JSON of a normalized event: what idempotency compares. */
export function canonicalEventJson(event: ActivityEvent): string {
  const entries = Object.entries(event).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

export const MAX_BATCH = 1000;

export type ParsedBatch = { ok: true; events: ActivityEvent[] } | { ok: false; errors: FieldError[] };

/**
 * Checks the shape of a POST /api/events body: one event or an array of 1..1000.
 * Reports every malformed item by index and field; checks that need the database are the server's.
 */
export function parseEventBatch(body: unknown): ParsedBatch {
  const items = Array.isArray(body) ? body : [body];
  if (Array.isArray(body) && body.length === 0)
    return { ok: false, errors: [{ index: 0, field: 'body', reason: 'must contain at least one event', why: why('no_events') }] };
  if (items.length > MAX_BATCH)
    return {
      ok: false,
      errors: [
        {
          index: MAX_BATCH,
          field: 'body',
          reason: `a batch holds at most ${MAX_BATCH} events, got ${items.length}`,
          why: why('too_many_items', { max: MAX_BATCH }),
        },
      ],
    };
  const events: ActivityEvent[] = [];
  const errors: FieldError[] = [];
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ index, field: 'body', reason: 'must be an event object', why: why('wrong_type', { expected: 'object' }) });
      return;
    }
    // The wire shape names every bad field with the catalogue's messages; once it passes, the
    // discriminated union narrows the normalized fields to the event's type.
    const wire = ActivityEventInputSchema.safeParse(item);
    const normalized: unknown = wire.success ? normalizeFields(wire.data) : item;
    const parsed = wire.success ? ActivityEventSchema.safeParse(normalized) : wire;
    if (parsed.success) events.push(parsed.data);
    else errors.push(...issuesToFieldErrors(parsed.error.issues, index, '', normalized));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}

/** The answer to an accepted POST /api/events: the same on every retry. */
export interface IngestResult {
  /** Number of distinct events in the request. */
  count: number;
  /** Each distinct event, in request order, with the time it was first received. */
  events: { id: string; receivedAt: string }[];
}

/** POST /api/events/{id}/void: a correction, with the reason people will read. */
export const VoidEventSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
export type VoidEvent = z.infer<typeof VoidEventSchema>;

/** GET /api/events/{id}/void-preview: what voiding the event would append (reversals, and awards that move), without doing it. */
export interface VoidPreview {
  id: string;
  /** Already voided: nothing would change. */
  voided: boolean;
  awards: Award[];
}

/** The answer to a void: the same on every repeat. The id stays taken. */
export interface VoidResult {
  id: string;
  voidedAt: string;
  reason: string;
}
