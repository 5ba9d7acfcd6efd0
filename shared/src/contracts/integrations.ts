import { z } from 'zod';
import { INTEGRATION_SYSTEMS, type IntegrationSystem } from './employee.js';
import { EVENT_TYPES, type EventType } from './event.js';
import { issueReason } from './issues.js';

/**
 * Connections to the CRMs and telephony systems an office already uses (PRODUCT.md,
 * "Integrations"). Each system posts its own webhook format to the connection's `webhookUrl`.
 */

/** The catalogue events a CRM pipeline status may stand for (a call needs its talk time, so telephony sends those). */
export const STATUS_EVENT_TYPES = EVENT_TYPES.filter(
  (t): t is Exclude<EventType, 'call' | 'email.general'> => t !== 'call' && t !== 'email.general',
);
export type StatusEventType = (typeof STATUS_EVENT_TYPES)[number];

/** `{ "<status id in the CRM>": "<catalogue event>" }`; a status mapped to null is known and scores nothing. */
export const StatusMapSchema = z.record(z.string().trim().min(1).max(100), z.enum(STATUS_EVENT_TYPES).nullable());
export type StatusMap = z.infer<typeof StatusMapSchema>;

export interface SettingField {
  name: string;
  /** Kept encrypted, never answered back; a connection shows only that it is set. */
  secret: boolean;
  required: boolean;
  kind: 'text' | 'url' | 'statusMap';
}

/** The settings each system takes (PRODUCT.md table). `generic` takes none: Conveyor makes its secret. */
export const SYSTEM_SETTINGS: Record<IntegrationSystem, readonly SettingField[]> = {
  mango: [
    { name: 'apiKey', secret: false, required: true, kind: 'text' },
    { name: 'apiSalt', secret: true, required: true, kind: 'text' },
  ],
  zadarma: [{ name: 'apiSecret', secret: true, required: true, kind: 'text' }],
  sipuni: [],
  uis: [],
  amocrm: [{ name: 'statusMap', secret: false, required: false, kind: 'statusMap' }],
  bitrix24: [
    { name: 'applicationToken', secret: true, required: true, kind: 'text' },
    { name: 'restUrl', secret: true, required: true, kind: 'url' },
    { name: 'statusMap', secret: false, required: false, kind: 'statusMap' },
  ],
  hubspot: [
    { name: 'clientSecret', secret: true, required: true, kind: 'text' },
    // The private app's token: a stage change names neither owner nor amount, so the deal is looked up.
    { name: 'accessToken', secret: true, required: false, kind: 'text' },
    // Where HubSpot's API answers (default https://api.hubapi.com).
    { name: 'apiUrl', secret: false, required: false, kind: 'url' },
    { name: 'statusMap', secret: false, required: false, kind: 'statusMap' },
  ],
  pipedrive: [
    { name: 'username', secret: false, required: true, kind: 'text' },
    { name: 'password', secret: true, required: true, kind: 'text' },
    { name: 'statusMap', secret: false, required: false, kind: 'statusMap' },
  ],
  generic: [],
};

/** Systems where Conveyor makes the secret (returned once, at creation and on rotation). */
export const SYSTEMS_WITH_OWN_SECRET: readonly IntegrationSystem[] = ['generic'];

const TextSetting = z.string().trim().min(1).max(500);

/** Settings as sent: every field of the system checked, unknown ones refused. */
function settingsSchema(system: IntegrationSystem, partial: boolean): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of SYSTEM_SETTINGS[system]) {
    const base =
      field.kind === 'statusMap' ? StatusMapSchema : field.kind === 'url' ? z.url({ protocol: /^https?$/ }).max(500) : TextSetting;
    shape[field.name] = partial || !field.required ? base.optional() : base;
  }
  return z.strictObject(shape);
}

/** POST /api/integrations. */
export const CreateIntegrationSchema = z
  .strictObject({
    system: z.enum(INTEGRATION_SYSTEMS),
    name: z.string().trim().min(1).max(100),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((input, ctx) => {
    const parsed = settingsSchema(input.system, false).safeParse(input.settings);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        // The setting's own reason goes along as data: a custom issue carries only a message.
        const { reason, why } = issueReason(issue, input.settings);
        ctx.addIssue({ code: 'custom', path: ['settings', ...issue.path], message: reason, params: { why } });
      }
  })
  .transform((input) => ({ ...input, settings: settingsSchema(input.system, false).parse(input.settings) }));
export type CreateIntegration = z.input<typeof CreateIntegrationSchema>;

/** PATCH /api/integrations/{id}: the settings named are replaced (a secret too), the others kept. */
export const UpdateIntegrationSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  /** Stops taking deliveries (they answer 404, like an unknown key) without forgetting the inbox. */
  enabled: z.boolean().optional(),
});
export type UpdateIntegration = z.infer<typeof UpdateIntegrationSchema>;

/** Checks a PATCH's settings against the connection's system. */
export function parseSettingsPatch(
  system: IntegrationSystem,
  settings: unknown,
): ReturnType<z.ZodType<Record<string, unknown>>['safeParse']> {
  return settingsSchema(system, true).safeParse(settings);
}

/** A connection as the API answers it: never a secret. */
export interface Integration {
  id: string;
  system: IntegrationSystem;
  name: string;
  enabled: boolean;
  /** Where the system posts; the key in it is the only credential some systems can carry. */
  webhookUrl: string;
  /** The settings that are not secret. */
  settings: Record<string, unknown>;
  /** Names of the secret settings that are set. */
  secretsSet: string[];
  /** Deliveries in the inbox by status. */
  inbox: Record<DeliveryStatus, number>;
  createdAt: string;
  updatedAt: string;
}

/** The answer to POST /api/integrations and to a rotation: the secret appears here once. */
export type CreatedIntegration = Integration & { secret?: string };

/** POST /api/integrations/{id}/rotate: a new webhook URL (the old one stops), and a new secret where Conveyor makes it. */
export const RotateIntegrationSchema = z.strictObject({ what: z.enum(['url', 'secret']) });

/**
 * A delivery's state in the inbox. `pending`: stored, not processed yet (a CRM detail is being
 * fetched, or it waits its turn); the others as in PRODUCT.md.
 */
export const DELIVERY_STATUSES = ['pending', 'scored', 'parked', 'ignored', 'refused'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * Why a delivery is parked, ignored or refused: a code screens translate (catalogue
 * `delivery.<code>`) with `params`.
 */
export const DELIVERY_REASONS = [
  // parked
  'user_unmapped',
  'status_unmapped',
  // ignored
  'malformed',
  'not_answered',
  'no_talk',
  'nothing_to_score',
  'status_not_scored',
  'already_recorded',
  'refused_by_ledger',
  'fetch_failed',
  // refused
  'bad_signature',
  'bad_token',
  'bad_credentials',
  'stale_timestamp',
] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

/** What a parked delivery waits for: an external user to map to an employee, or a CRM status to map to an event. */
export type Unmapped = { kind: 'user'; externalId: string; name?: string } | { kind: 'status'; status: string; label?: string };

/** One delivery in the inbox (GET /api/integrations/{id}/deliveries). */
export interface Delivery {
  id: string;
  integrationId: string;
  receivedAt: string;
  /** When what it reports happened (the earliest of its events), once read. */
  occurredAt: string | null;
  status: DeliveryStatus;
  reason: DeliveryReason | null;
  params: Record<string, string | number>;
  /** What a parked delivery waits for. */
  unmapped: Unmapped[];
  /** The events it became (scored). */
  eventIds: string[];
  /** What the system said, in a line: "call 0:42, ext. 101" (the raw body is at /raw). */
  summary: Record<string, string | number>;
  attempts: number;
}

export const DeliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  /** Deliveries received before this one (the `next` of the previous page). */
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeliveriesQuery = z.input<typeof DeliveriesQuerySchema>;

export interface DeliveryPage {
  items: Delivery[];
  /** Pass as `before` for older deliveries; null at the end. */
  next: string | null;
}

/** How long the inbox keeps deliveries, unless `INBOX_RETENTION_DAYS` says otherwise. */
export const DEFAULT_INBOX_RETENTION_DAYS = 90;
