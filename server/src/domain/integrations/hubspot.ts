import { createHmac } from 'node:crypto';
import {
  badRequest,
  JSON_OK,
  type Adapter,
  type Candidate,
  type Lookup,
  type Reading,
  type Settings,
  type WebhookRequest,
} from './adapter.js';
import {
  clientName,
  fromUnixMillis,
  idOf,
  malformed,
  naturalId,
  nothingToScore,
  parseJson,
  record,
  roubles,
  sameSecret,
  summaryOf,
  text,
} from './crm-common.js';

/**
 * HubSpot: an app's webhook subscriptions (a private app's Webhooks tab, or a public app's) post a
 * JSON array of up to 100 events: `{ subscriptionType: 'deal.propertyChange', objectId, propertyName,
 * propertyValue, occurredAt (unix ms), eventId, portalId, attemptNumber, … }`.
 *
 * - Verification (v3): `X-HubSpot-Signature-v3` = base64 HMAC-SHA256 with the app's client secret of
 *   `method + uri + rawBody + X-HubSpot-Request-Timestamp`, where `uri` is the full URL called with
 *   `%3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B` decoded and nothing else. A timestamp more than
 *   5 minutes away from `receivedAt` is `stale_timestamp` (HubSpot signs each attempt afresh).
 * - A `dealstage` change is a Candidate `hubspot:deal:<objectId>:stage:<propertyValue>` with
 *   `status.id` = the stage id (unique per portal), at the event's `occurredAt`.
 * - The event names neither the deal's owner nor its amount nor its name. Changes of
 *   `hubspot_owner_id`, `amount`, `deal_currency_code` and `dealname` of the same deal in the same
 *   batch are used; when the owner is still unknown, `read` asks the server to look the deals up
 *   (`crm.objects.deals.get`: GET /crm/v3/objects/deals/{id}?properties=…, with the private app's
 *   access token) and `afterLookup` fills in what the batch did not say. The stage and its time
 *   always come from the event itself, never from the lookup.
 */

const SIGNATURE = 'x-hubspot-signature-v3';
const TIMESTAMP = 'x-hubspot-request-timestamp';
const MAX_SKEW_MS = 5 * 60 * 1000;
const PROPERTIES = ['dealname', 'amount', 'deal_currency_code', 'hubspot_owner_id'] as const;
export const DEAL_LOOKUP = 'crm.objects.deals.get';

/** The request URI as HubSpot signs it: these escapes decoded, every other one kept. */
export function hubspotSignedUri(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => decodeURIComponent(escape));
}

export function hubspotSignature(clientSecret: string, method: string, url: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', clientSecret)
    .update(`${method.toUpperCase()}${hubspotSignedUri(url)}${rawBody}${timestamp}`, 'utf8')
    .digest('base64');
}

interface StageChange {
  deal: string;
  stage: string;
  occurredAt: string;
}

/** What a batch says about one deal besides its stage (the latest value of each property). */
type DealFacts = Partial<Record<(typeof PROPERTIES)[number], string>>;

interface Batch {
  stages: StageChange[];
  facts: Map<string, DealFacts>;
  events: number;
}

function readBatch(rawBody: string): Batch | Reading {
  const json = parseJson(rawBody);
  if (!json.ok) return malformed('body', 'is not JSON');
  if (!Array.isArray(json.value) || json.value.length === 0) return malformed('body', 'must be a non-empty array of events');
  const stages: StageChange[] = [];
  const facts = new Map<string, DealFacts>();
  const latest = new Map<string, number>();
  for (const [index, raw] of json.value.entries()) {
    const event = record(raw);
    if (event === undefined) return malformed(`[${index}]`, 'must be an event object');
    const type = text(event['subscriptionType']) ?? text(event['eventType']);
    if (type === undefined) return malformed(`[${index}].subscriptionType`, 'is missing');
    // Apps on HubSpot's newer developer platform name any object's change `object.propertyChange`,
    // a deal being objectTypeId 0-3.
    const isDeal = type === 'deal.propertyChange' || (type === 'object.propertyChange' && text(event['objectTypeId']) === '0-3');
    if (!isDeal) continue;
    const deal = idOf(event['objectId']);
    if (deal === undefined) return malformed(`[${index}].objectId`, 'must be a deal id');
    const property = text(event['propertyName']);
    if (property === undefined) return malformed(`[${index}].propertyName`, 'is missing');
    const occurredAt = fromUnixMillis(event['occurredAt']);
    if (occurredAt === undefined) return malformed(`[${index}].occurredAt`, 'must be a unix time in milliseconds');
    const value = text(event['propertyValue']);
    if (property === 'dealstage') {
      if (value !== undefined) stages.push({ deal, stage: value, occurredAt });
    } else if ((PROPERTIES as readonly string[]).includes(property) && value !== undefined) {
      const key = `${deal}:${property}`;
      const at = Date.parse(occurredAt);
      if (at >= (latest.get(key) ?? -Infinity)) {
        latest.set(key, at);
        facts.set(deal, { ...facts.get(deal), [property]: value });
      }
    }
  }
  return { stages, facts, events: json.value.length };
}

function isReading(value: Batch | Reading): value is Reading {
  return 'kind' in value;
}

function candidate(change: StageChange, facts: DealFacts): Candidate {
  const amount = roubles(facts.amount, facts.deal_currency_code);
  return {
    id: naturalId('hubspot', 'deal', change.deal, 'stage', change.stage),
    status: { id: change.stage },
    occurredAt: change.occurredAt,
    ...(facts.hubspot_owner_id !== undefined && { externalUser: facts.hubspot_owner_id }),
    clientId: `hubspot:deal:${change.deal}`,
    clientName: clientName(facts.dealname ?? `Deal ${change.deal}`),
    ...(amount !== undefined && { amount }),
  };
}

function scored(batch: Batch, facts: (deal: string) => DealFacts): Reading {
  const unique = new Map<string, Candidate>();
  for (const change of batch.stages) {
    const c = candidate(change, facts(change.deal));
    if (!unique.has(c.id)) unique.set(c.id, c);
  }
  const candidates = [...unique.values()];
  const first = candidates[0]!;
  return {
    kind: 'candidates',
    candidates,
    summary: summaryOf({
      deal: first.clientName,
      stage: first.status?.id,
      user: first.externalUser,
      ...(candidates.length > 1 && { events: candidates.length }),
    }),
  };
}

/** Deals whose stage changed but whose owner the batch does not name, in first-seen order. */
function dealsToLookUp(batch: Batch): string[] {
  return [...new Set(batch.stages.map((s) => s.deal))].filter((deal) => batch.facts.get(deal)?.hubspot_owner_id === undefined);
}

export const hubspot: Adapter = {
  system: 'hubspot',

  verify(request: WebhookRequest, settings: Settings) {
    const secret = settings['clientSecret'];
    const signature = request.headers[SIGNATURE];
    const timestamp = request.headers[TIMESTAMP];
    if (typeof secret !== 'string' || secret === '' || !signature || !timestamp || !/^\d{1,16}$/.test(timestamp))
      return { ok: false, reason: 'bad_signature' };
    if (Math.abs(request.receivedAt.getTime() - Number(timestamp)) > MAX_SKEW_MS) return { ok: false, reason: 'stale_timestamp' };
    const expected = hubspotSignature(secret, request.method, request.url, request.rawBody, timestamp);
    return sameSecret(signature.trim(), expected) ? { ok: true } : { ok: false, reason: 'bad_signature' };
  },

  read(request: WebhookRequest): Reading {
    const batch = readBatch(request.rawBody);
    if (isReading(batch)) return batch;
    if (batch.stages.length === 0) return nothingToScore({ events: batch.events });
    const missing = dealsToLookUp(batch);
    if (missing.length === 0) return scored(batch, (deal) => batch.facts.get(deal) ?? {});
    const lookups: Lookup[] = missing.map((id) => ({ method: DEAL_LOOKUP, params: { id, properties: PROPERTIES.join(',') } }));
    return { kind: 'lookup', lookups, summary: summaryOf({ deals: missing.join(','), events: batch.events }) };
  },

  afterLookup(request: WebhookRequest, _settings: Settings, answers: readonly unknown[]): Reading {
    const batch = readBatch(request.rawBody);
    if (isReading(batch)) return batch;
    if (batch.stages.length === 0) return nothingToScore({ events: batch.events });
    const fetched = new Map<string, DealFacts>();
    for (const [index, deal] of dealsToLookUp(batch).entries()) {
      const answer = record(answers[index]);
      const properties = record(answer?.['properties']);
      if (answer === undefined || properties === undefined) return malformed(`lookup[${index}].properties`, 'is missing');
      if (idOf(answer['id']) !== deal) return malformed(`lookup[${index}].id`, `is not the deal ${deal}`);
      const facts: DealFacts = {};
      for (const name of PROPERTIES) {
        const value = text(properties[name]);
        if (value !== undefined) facts[name] = value;
      }
      fetched.set(deal, facts);
    }
    // What the batch says wins: it is the value at the time of the change.
    return scored(batch, (deal) => ({ ...fetched.get(deal), ...batch.facts.get(deal) }));
  },

  accepted: JSON_OK,
  rejected: badRequest,
};
