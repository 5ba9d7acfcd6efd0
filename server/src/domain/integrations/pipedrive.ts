import { badRequest, JSON_OK, type Adapter, type Candidate, type Reading, type Settings, type WebhookRequest } from './adapter.js';
import {
  basicCredentials,
  clientName,
  fromUnixMillis,
  fromUnixSeconds,
  fromUtcDateTime,
  fromZonedIso,
  idOf,
  isRecord,
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
 * Pipedrive: general webhooks (Settings → Tools and apps → Webhooks) post one JSON object per change.
 *
 * - v2 (current): `{ meta: { action: 'create'|'change'|'delete', entity: 'deal'|'activity'|…,
 *   entity_id, timestamp, version: '2.0', … }, data: {…the object now…}, previous: {…only the fields
 *   that changed, their old values…} | null }`. Deals name `owner_id`; times are ISO-8601 in UTC.
 * - v1 (still sent by webhooks made as v1): `{ meta: { v: 1, action: 'added'|'updated'|'deleted'|
 *   'merged', object: 'deal', timestamp (unix s), … }, current: {…}, previous: {…the whole object
 *   before…} }`. Deals name `user_id`; times are `YYYY-MM-DD HH:MM:SS` in UTC.
 *
 * - Verification: HTTP Basic credentials the webhook was created with (`settings.username`,
 *   `settings.password`), else `bad_credentials`. Pipedrive does not sign its webhooks.
 * - A deal that reaches a stage is a Candidate `pipedrive:deal:<id>:stage:<stage_id>` (stage ids are
 *   unique across pipelines); one whose status becomes won or lost is `pipedrive:deal:<id>:status:won`
 *   (`lost`) with `status.id` 'won' (`lost`): map them in statusMap like a stage.
 * - A call activity marked done is a `call` Candidate `pipedrive:activity:<id>` with its `duration`
 *   (HH:MM or HH:MM:SS, what the person logged) as talk time; none or zero scores nothing.
 */

type Action = 'create' | 'change' | 'delete' | 'other';

interface Change {
  version: 1 | 2;
  entity: string;
  action: Action;
  current: Record<string, unknown> | undefined;
  previous: Record<string, unknown> | undefined;
  at: string | undefined;
  /** Where the object is in the body, for error messages. */
  field: 'data' | 'current';
}

const V1_ACTIONS: Record<string, Action> = { added: 'create', updated: 'change', merged: 'change', deleted: 'delete' };
const V2_ACTIONS: Record<string, Action> = { create: 'create', change: 'change', delete: 'delete' };

function readChange(rawBody: string): Change | Reading {
  const json = parseJson(rawBody);
  if (!json.ok) return malformed('body', 'is not JSON');
  const body = record(json.value);
  if (body === undefined) return malformed('body', 'must be a JSON object');
  const meta = record(body['meta']);
  if (meta === undefined) return malformed('meta', 'is missing');
  const at = fromZonedIso(meta['timestamp']) ?? fromUnixSeconds(meta['timestamp']) ?? fromUnixMillis(meta['timestamp']);
  const isV2 = text(meta['version'])?.startsWith('2') === true || (meta['entity'] !== undefined && 'data' in body);
  if (isV2) {
    const entity = text(meta['entity']);
    if (entity === undefined) return malformed('meta.entity', 'is missing');
    return {
      version: 2,
      entity,
      action: V2_ACTIONS[text(meta['action']) ?? ''] ?? 'other',
      current: record(body['data']),
      previous: record(body['previous']),
      at,
      field: 'data',
    };
  }
  const [eventAction, eventObject] = (text(body['event']) ?? '').split('.');
  const entity = text(meta['object']) ?? text(eventObject);
  if (entity === undefined) return malformed('meta.object', 'is missing');
  return {
    version: 1,
    entity,
    action: V1_ACTIONS[text(meta['action']) ?? text(eventAction) ?? ''] ?? 'other',
    current: record(body['current']),
    previous: record(body['previous']),
    at,
    field: 'current',
  };
}

function isReading(value: Change | Reading): value is Reading {
  return 'kind' in value;
}

/** A Pipedrive time: ISO-8601 with its zone (v2) or `YYYY-MM-DD HH:MM:SS` in UTC (v1). */
function timeOf(value: unknown): string | undefined {
  return fromZonedIso(value) ?? fromUtcDateTime(value);
}

/** An id sent as a number, or as an object `{ value }` / `{ id }` as Pipedrive's API does for links. */
function linkId(value: unknown): string | undefined {
  const link = record(value);
  return link ? (idOf(link['value']) ?? idOf(link['id'])) : idOf(value);
}

/** Whether `field` changed: v2 lists only the changed fields in `previous`, v1 sends the whole object before. */
function changed(change: Change, field: string, now: string | undefined): boolean {
  if (change.action === 'create') return now !== undefined;
  if (change.action !== 'change' || change.previous === undefined) return false;
  if (change.version === 2 && !(field in change.previous)) return false;
  const before = change.previous[field];
  return (isRecord(before) ? linkId(before) : text(before)) !== now;
}

function clientOf(object: Record<string, unknown>, dealId?: string): string | undefined {
  const org = linkId(object['org_id']);
  if (org !== undefined) return `pipedrive:org:${org}`;
  const person = linkId(object['person_id']);
  if (person !== undefined) return `pipedrive:person:${person}`;
  return dealId === undefined ? undefined : `pipedrive:deal:${dealId}`;
}

function ownerOf(object: Record<string, unknown>): string | undefined {
  return linkId(object['owner_id']) ?? linkId(object['user_id']);
}

function readDeal(change: Change): Reading {
  const deal = change.current;
  if (deal === undefined) return malformed(change.field, 'must be the deal');
  const id = idOf(deal['id']);
  if (id === undefined) return malformed(`${change.field}.id`, 'must be a deal id');
  const stage = idOf(deal['stage_id']);
  const status = text(deal['status']);
  const user = ownerOf(deal);
  const name = clientName(text(deal['org_name']) ?? text(deal['title']) ?? `Deal ${id}`);
  const base = {
    ...(user !== undefined && { externalUser: user }),
    clientId: clientOf(deal, id),
    clientName: name,
    ...withAmount(roubles(deal['value'], deal['currency'])),
  };
  const updated = timeOf(deal['update_time']) ?? change.at;
  const candidates: Candidate[] = [];
  if (stage !== undefined && changed(change, 'stage_id', stage)) {
    const occurredAt = timeOf(deal['stage_change_time']) ?? (change.action === 'create' ? timeOf(deal['add_time']) : undefined) ?? updated;
    if (occurredAt === undefined) return malformed(`${change.field}.update_time`, 'must be a time');
    candidates.push({ id: naturalId('pipedrive', 'deal', id, 'stage', stage), status: { id: stage }, occurredAt, ...base });
  }
  if ((status === 'won' || status === 'lost') && changed(change, 'status', status)) {
    const occurredAt = timeOf(deal[status === 'won' ? 'won_time' : 'lost_time']) ?? updated;
    if (occurredAt === undefined) return malformed(`${change.field}.${status}_time`, 'must be a time');
    candidates.push({ id: naturalId('pipedrive', 'deal', id, 'status', status), status: { id: status }, occurredAt, ...base });
  }
  const summary = summaryOf({ deal: name, stage, status, user, ...(candidates.length > 1 && { events: candidates.length }) });
  return candidates.length > 0 ? { kind: 'candidates', candidates, summary } : nothingToScore(summary);
}

/** `HH:MM` or `HH:MM:SS` as seconds. */
function durationOf(value: unknown): number | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text(value) ?? '');
  if (!match) return undefined;
  const seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
  return seconds <= 86_400 ? seconds : undefined;
}

function isDone(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

function readActivity(change: Change): Reading {
  const activity = change.current;
  if (activity === undefined) return malformed(change.field, 'must be the activity');
  const id = idOf(activity['id']);
  if (id === undefined) return malformed(`${change.field}.id`, 'must be an activity id');
  const type = text(activity['type']);
  const user = ownerOf(activity) ?? linkId(activity['assigned_to_user_id']);
  const summary = summaryOf({ activity: text(activity['subject']) ?? id, type, user });
  if (type !== 'call' || !isDone(activity['done']) || (change.action !== 'create' && change.action !== 'change'))
    return nothingToScore(summary);
  const duration = durationOf(activity['duration']);
  if (duration === undefined || duration === 0) return { kind: 'ignored', reason: 'no_talk', summary };
  const occurredAt = timeOf(activity['marked_as_done_time']) ?? timeOf(activity['update_time']) ?? change.at;
  if (occurredAt === undefined) return malformed(`${change.field}.marked_as_done_time`, 'must be a time');
  const client = clientOf(activity, idOf(activity['deal_id']));
  return {
    kind: 'candidates',
    candidates: [
      {
        id: naturalId('pipedrive', 'activity', id),
        type: 'call',
        occurredAt,
        durationSec: duration,
        ...(user !== undefined && { externalUser: user }),
        ...(client !== undefined && { clientId: client }),
      },
    ],
    summary: { ...summary, call: duration },
  };
}

export const pipedrive: Adapter = {
  system: 'pipedrive',

  verify(request: WebhookRequest, settings: Settings) {
    const username = settings['username'];
    const password = settings['password'];
    const given = basicCredentials(request.headers['authorization']);
    if (typeof username !== 'string' || typeof password !== 'string' || given === undefined)
      return { ok: false, reason: 'bad_credentials' };
    // Both compared, always: how far a guess got is not told by the time it takes.
    const userOk = sameSecret(given.user, username);
    const passwordOk = sameSecret(given.password, password);
    return userOk && passwordOk ? { ok: true } : { ok: false, reason: 'bad_credentials' };
  },

  read(request: WebhookRequest): Reading {
    const change = readChange(request.rawBody);
    if (isReading(change)) return change;
    if (change.entity === 'deal') return readDeal(change);
    if (change.entity === 'activity') return readActivity(change);
    return nothingToScore({ entity: change.entity, action: change.action });
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

function withAmount(amount: number | undefined): { amount?: number } {
  return amount === undefined ? {} : { amount };
}
