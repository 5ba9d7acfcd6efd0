import type { DeliveryReason, EventType, FieldReason, IntegrationSystem } from '@conveyor/shared';

/**
 * What every webhook adapter is: plain functions from a system's own request to what it reports.
 * No I/O here: the integrations room stores the delivery, fetches what a system leaves out
 * (Bitrix24), maps users and statuses, and hands the events to the ledger.
 */

/** A webhook request as it arrived. Header names are lower case. */
export interface WebhookRequest {
  method: string;
  headers: Readonly<Record<string, string>>;
  query: Readonly<Record<string, string>>;
  /** The body exactly as sent, decoded as UTF-8 (signatures are computed over it). */
  rawBody: string;
  /** The absolute URL the system called (HubSpot signs it). */
  url: string;
  /** When Conveyor received it (HubSpot's timestamp window is checked against it). */
  receivedAt: Date;
}

/** What Conveyor answers the system: each expects its own (Sipuni JSON, Zadarma's echo). */
export interface Reply {
  status: number;
  contentType: 'application/json' | 'text/plain';
  body: string;
}

/** A connection's settings, secrets decrypted. */
export type Settings = Readonly<Record<string, unknown>>;

export type Verdict =
  { ok: true } | { ok: false; reason: Extract<DeliveryReason, 'bad_signature' | 'bad_token' | 'bad_credentials' | 'stale_timestamp'> };

/**
 * One thing a delivery reports, still in the system's words: its user, and for a CRM its status.
 * The room turns it into an event once the user (and status) are mapped.
 */
export interface Candidate {
  /** From the system's natural keys, e.g. `zadarma:<pbx_call_id>`, `amocrm:lead:<id>:status:<status_id>`: a re-delivery never counts twice. */
  id: string;
  /** The event type when the system says it (a call); absent when `status` decides through `settings.statusMap`. */
  type?: EventType;
  /** The CRM status (pipeline stage) reached, mapped through `settings.statusMap`. */
  status?: { id: string; label?: string };
  /** UTC ISO-8601. */
  occurredAt: string;
  /** The system's user key (PRODUCT.md table), mapped through employees' `externalIds[system]`. Absent for a payment. */
  externalUser?: string;
  /** A display name for the external user, when the system sends one (shown when mapping). */
  externalUserName?: string;
  /** Who a client is handed to (`meeting.scheduled`, `client.handed_over`), in the same system's user keys. */
  toExternalUser?: string;
  /** Namespaced by system, e.g. `amocrm:company:42`. */
  clientId?: string;
  clientName?: string;
  /** Talk time, never ringing time. */
  durationSec?: number;
  /** Roubles. */
  amount?: number;
}

/** A REST call to make before a delivery can be read (Bitrix24 sends ids only). */
export interface Lookup {
  method: string;
  params: Readonly<Record<string, string>>;
}

export type Reading =
  /** A set-up check (Zadarma's `zd_echo`): answered, not a delivery, nothing stored. */
  | { kind: 'handshake'; reply: Reply }
  /** What it reports; the summary is shown in the inbox. */
  | { kind: 'candidates'; candidates: Candidate[]; summary: Record<string, string | number> }
  /** Nothing to score (an unanswered call, a lead edited without a status change), with why. */
  | {
      kind: 'ignored';
      reason: Extract<DeliveryReason, 'not_answered' | 'no_talk' | 'nothing_to_score'>;
      params?: Record<string, string | number>;
      summary?: Record<string, string | number>;
    }
  /** Not the system's format: `field` names what is wrong; `why` says it as data where it can. */
  | { kind: 'malformed'; field: string; reason: string; why?: FieldReason }
  /** Needs details from the system's REST API first; `afterLookup` reads them. */
  | { kind: 'lookup'; lookups: Lookup[]; summary: Record<string, string | number> };

export interface Adapter {
  system: IntegrationSystem;
  /** Checks the signature, token or credentials as the system documents them. */
  verify(request: WebhookRequest, settings: Settings): Verdict;
  /** Reads a verified request. Deterministic: the same request reads the same (a replay reads it again). */
  read(request: WebhookRequest, settings: Settings): Reading;
  /** Reads the answers to `read`'s lookups, in the same order. Only adapters that look up have it. */
  afterLookup?(request: WebhookRequest, settings: Settings, answers: readonly unknown[]): Reading;
  /** The answer the system expects for a delivery taken in (stored). */
  accepted: Reply;
  /** The answer for a body that is not its format (still stored as `ignored`); PRODUCT.md asks 400 unless the system expects otherwise. */
  rejected(field: string, reason: string): Reply;
}

export const JSON_OK: Reply = { status: 200, contentType: 'application/json', body: '{"ok":true}' };

export function badRequest(field: string, reason: string): Reply {
  return {
    status: 400,
    contentType: 'application/json',
    body: JSON.stringify({ code: 'integration.malformed', message: `${field} ${reason}`, errors: [{ index: 0, field, reason }] }),
  };
}
