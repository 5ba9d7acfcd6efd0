import { badRequest, JSON_OK, type Adapter, type Candidate, type Reading, type WebhookRequest } from './adapter.js';
import {
  clientName,
  fromUnixSeconds,
  idOf,
  indexed,
  malformed,
  naturalId,
  nothingToScore,
  parseForm,
  parseJson,
  record,
  roubles,
  summaryOf,
  text,
} from './crm-common.js';

/**
 * amoCRM (and Kommo, the same product abroad): the account's webhooks (Settings → Integrations →
 * Web hooks), posted as `application/x-www-form-urlencoded` with PHP-style keys:
 * `leads[status][0][id]`, `…[status_id]`, `…[old_status_id]`, `…[pipeline_id]`,
 * `…[responsible_user_id]`, `…[price]`, `…[name]`, `…[last_modified]` (unix seconds), and
 * `account[subdomain]`, `account[id]`.
 *
 * - A lead that reaches a status (`leads[status]`, or `leads[update]` carrying an `old_status_id`
 *   other than its `status_id`, or `leads[add]` created in a status) is a Candidate
 *   `amocrm:lead:<id>:status:<status_id>` with `status.id` = the bare `status_id`. Status ids are
 *   unique in an account except 142 (won) and 143 (lost), which every pipeline shares, so a
 *   statusMap entry for "142" means "won in any pipeline"; the pipeline is shown in the summary.
 * - A call note (`leads|contacts|companies[note][i][note]` with `note_type` 10 incoming or 11
 *   outgoing; its `text` carries the telephony parameters as JSON, `DURATION` in seconds) is a
 *   `call` Candidate `amocrm:call:<note id>`.
 * - Anything else (contacts, tasks, a lead edited without a status change) scores nothing.
 *
 * amoCRM does not sign these webhooks: the unguessable key in the webhook URL is the credential.
 */

type Entity = 'leads' | 'contacts' | 'companies' | 'customers';
const NOTE_ENTITIES: readonly Entity[] = ['leads', 'contacts', 'companies', 'customers'];
const CLIENT_PREFIX: Record<Entity, string> = {
  leads: 'amocrm:lead:',
  contacts: 'amocrm:contact:',
  companies: 'amocrm:company:',
  customers: 'amocrm:customer:',
};
/** Note types of a call in amoCRM's notes (10 incoming, 11 outgoing; the v4 API names them). */
const CALL_NOTE_TYPES = new Set(['10', '11', 'call_in', 'call_out']);

export const amocrm: Adapter = {
  system: 'amocrm',

  verify() {
    return { ok: true };
  },

  read(request: WebhookRequest): Reading {
    if (request.rawBody.trim() === '') return malformed('body', 'is empty');
    const form = parseForm(request.rawBody);
    if (Object.keys(form).length === 0) return malformed('body', 'is not a form body');
    const account = record(form['account']);
    const candidates: Candidate[] = [];
    const summaries: Record<string, string | number>[] = [];
    let silentCalls = 0;

    const leads = record(form['leads']);
    for (const action of ['status', 'update', 'add'] as const) {
      for (const [key, lead] of indexed(leads?.[action])) {
        const at = `leads[${action}][${key}]`;
        const id = idOf(lead['id']);
        if (id === undefined) return malformed(`${at}[id]`, 'must be a lead id');
        const statusId = idOf(lead['status_id']);
        if (statusId === undefined) {
          if (action === 'status') return malformed(`${at}[status_id]`, 'must be a status id');
          continue;
        }
        const oldStatusId = idOf(lead['old_status_id']);
        const reached =
          action === 'add' || (action === 'status' ? oldStatusId !== statusId : oldStatusId !== undefined && oldStatusId !== statusId);
        if (!reached) continue;
        const occurredAt =
          fromUnixSeconds(lead['last_modified']) ??
          fromUnixSeconds(lead['updated_at']) ??
          (action === 'add' ? (fromUnixSeconds(lead['date_create']) ?? fromUnixSeconds(lead['created_at'])) : undefined);
        if (occurredAt === undefined) return malformed(`${at}[last_modified]`, 'must be a unix time in seconds');
        const user = idOf(lead['responsible_user_id']);
        const name = text(lead['name']);
        candidates.push({
          id: naturalId('amocrm', 'lead', id, 'status', statusId),
          status: { id: statusId },
          occurredAt,
          ...(user !== undefined && { externalUser: user }),
          clientId: `amocrm:lead:${id}`,
          clientName: clientName(name ?? `Lead ${id}`),
          ...withAmount(roubles(lead['price'])),
        });
        summaries.push(summaryOf({ lead: name ?? id, status: statusId, from: oldStatusId, pipeline: idOf(lead['pipeline_id']), user }));
      }
    }

    for (const entity of NOTE_ENTITIES) {
      for (const [key, item] of indexed(record(form[entity])?.['note'])) {
        const note = record(item['note']) ?? item;
        const at = `${entity}[note][${key}][note]`;
        const noteType = text(note['note_type']);
        if (noteType === undefined || !CALL_NOTE_TYPES.has(noteType)) continue;
        const id = idOf(note['id']);
        if (id === undefined) return malformed(`${at}[id]`, 'must be a note id');
        const occurredAt = fromUnixSeconds(note['created_at']);
        if (occurredAt === undefined) return malformed(`${at}[created_at]`, 'must be a unix time in seconds');
        const duration = callDuration(note);
        const user = idOf(note['main_user_id']) ?? idOf(note['responsible_user_id']) ?? idOf(note['created_by']);
        if (duration === undefined || duration === 0) {
          silentCalls += 1;
          continue;
        }
        const element = idOf(note['element_id']);
        candidates.push({
          id: naturalId('amocrm', 'call', id),
          type: 'call',
          occurredAt,
          durationSec: duration,
          ...(user !== undefined && { externalUser: user }),
          ...(element !== undefined && { clientId: `${CLIENT_PREFIX[entity]}${element}` }),
        });
        summaries.push(summaryOf({ call: duration, direction: noteType === '10' || noteType === 'call_in' ? 'in' : 'out', user }));
      }
    }

    const unique = [...new Map(candidates.map((c) => [c.id, c])).values()];
    const summary = { ...summaries[0], ...(unique.length > 1 && { events: unique.length }), ...accountOf(account) };
    if (unique.length > 0) return { kind: 'candidates', candidates: unique, summary };
    if (silentCalls > 0) return { kind: 'ignored', reason: 'no_talk', summary: { calls: silentCalls, ...accountOf(account) } };
    return nothingToScore({ ...what(form), ...accountOf(account) });
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

function withAmount(amount: number | undefined): { amount?: number } {
  return amount === undefined ? {} : { amount };
}

/** Talk time of a call note: `params[DURATION]`, or `DURATION` in the JSON its `text` carries. */
function callDuration(note: Record<string, unknown>): number | undefined {
  const params = record(note['params']);
  const fromText = typeof note['text'] === 'string' ? parseJson(note['text']) : { ok: false as const };
  const raw = params?.['DURATION'] ?? (fromText.ok ? record(fromText.value)?.['DURATION'] : undefined);
  const t = text(raw);
  return t !== undefined && /^\d+$/.test(t) && Number(t) <= 86_400 ? Number(t) : undefined;
}

function accountOf(account: Record<string, unknown> | undefined): Record<string, string> {
  const subdomain = text(account?.['subdomain']);
  return subdomain === undefined ? {} : { account: subdomain };
}

/** What a delivery that scores nothing was about, e.g. `{ leads: 'update' }`. */
function what(form: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [entity, actions] of Object.entries(form)) {
    if (entity === 'account') continue;
    const names = Object.keys(record(actions) ?? {});
    if (names.length > 0) out[entity] = names.join(',');
  }
  return out;
}
