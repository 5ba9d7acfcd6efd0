import { badRequest, JSON_OK, type Adapter, type Candidate, type Reading, type Settings, type WebhookRequest } from './adapter.js';
import {
  clientName,
  fromUnixSeconds,
  fromZonedIso,
  idOf,
  malformed,
  naturalId,
  nothingToScore,
  parseForm,
  record,
  roubles,
  sameSecret,
  summaryOf,
  text,
} from './crm-common.js';

/**
 * Bitrix24: an outgoing webhook (or an application's event handler) posts events as
 * `application/x-www-form-urlencoded`: `event=ONCRMDEALUPDATE`, `data[FIELDS][ID]=759`,
 * `ts` (unix seconds, when the event left Bitrix24's queue), `auth[domain]`, `auth[member_id]`,
 * `auth[application_token]`, …
 *
 * - Verification: `auth[application_token]` must equal the token Bitrix24 showed when the outgoing
 *   webhook was created (`settings.applicationToken`), else `bad_token`.
 * - `ONCRMDEALADD` / `ONCRMDEALUPDATE` carry the deal id only: `read` asks for
 *   `crm.deal.get?id=<id>` (the server calls it on `settings.restUrl`, the incoming-webhook URL) and
 *   `afterLookup` reads the deal into a Candidate `bitrix24:deal:<ID>:stage:<STAGE_ID>`. STAGE_ID is
 *   already unique across funnels (`WON` in the general one, `C<category>:WON` in others), so it is
 *   the status id as it is. The stage is the deal's stage when it is fetched and the time is
 *   `MOVED_TIME` (when it moved there): an edit that does not move the deal reads the same id again
 *   and never counts twice.
 * - `ONVOXIMPLANTCALLEND` carries the call itself: a `call` Candidate `bitrix24:call:<CALL_ID>` for
 *   `PORTAL_USER_ID`, `CALL_DURATION` seconds, from `CALL_START_DATE`; a failed call
 *   (`CALL_FAILED_CODE` other than 200) or one of 0 seconds scores nothing.
 */

const DEAL_EVENTS = new Set(['ONCRMDEALADD', 'ONCRMDEALUPDATE']);
const CALL_END = 'ONVOXIMPLANTCALLEND';

interface Delivery {
  event: string;
  data: Record<string, unknown> | undefined;
  ts: string | undefined;
  domain: string | undefined;
}

function delivery(request: WebhookRequest): Delivery | Reading {
  if (request.rawBody.trim() === '') return malformed('body', 'is empty');
  const form = parseForm(request.rawBody);
  const event = text(form['event'])?.toUpperCase();
  if (event === undefined) return malformed('event', 'is missing');
  const auth = record(form['auth']);
  return { event, data: record(form['data']), ts: text(form['ts']), domain: text(auth?.['domain']) };
}

function isReading(value: Delivery | Reading): value is Reading {
  return 'kind' in value;
}

function dealIdOf(d: Delivery): string | undefined {
  return idOf(record(d.data?.['FIELDS'])?.['ID']);
}

export const bitrix24: Adapter = {
  system: 'bitrix24',

  verify(request: WebhookRequest, settings: Settings) {
    const expected = settings['applicationToken'];
    const given = text(record(parseForm(request.rawBody)['auth'])?.['application_token']);
    if (typeof expected !== 'string' || expected === '' || given === undefined || !sameSecret(given, expected))
      return { ok: false, reason: 'bad_token' };
    return { ok: true };
  },

  read(request: WebhookRequest): Reading {
    const d = delivery(request);
    if (isReading(d)) return d;
    if (DEAL_EVENTS.has(d.event)) {
      const id = dealIdOf(d);
      if (id === undefined) return malformed('data[FIELDS][ID]', 'must be a deal id');
      return { kind: 'lookup', lookups: [{ method: 'crm.deal.get', params: { id } }], summary: summaryOf({ event: d.event, deal: id }) };
    }
    if (d.event === CALL_END) return readCall(d);
    return nothingToScore(summaryOf({ event: d.event, portal: d.domain }));
  },

  afterLookup(request: WebhookRequest, _settings: Settings, answers: readonly unknown[]): Reading {
    const d = delivery(request);
    if (isReading(d)) return d;
    const id = dealIdOf(d);
    if (!DEAL_EVENTS.has(d.event) || id === undefined) return malformed('event', 'has no deal to look up');
    const answer = record(answers[0]);
    if (answer === undefined) return malformed('result', 'crm.deal.get answered nothing');
    const error = text(answer['error']);
    if (error !== undefined)
      return malformed('result', `crm.deal.get answered ${error}: ${text(answer['error_description']) ?? ''}`.trim());
    const deal = record(answer['result']);
    if (deal === undefined) return malformed('result', 'is missing from the crm.deal.get answer');
    if (idOf(deal['ID']) !== id) return malformed('result[ID]', `is not the deal ${id} the event named`);
    const stage = text(deal['STAGE_ID']);
    if (stage === undefined) return malformed('result[STAGE_ID]', 'is missing');
    const occurredAt = fromZonedIso(deal['MOVED_TIME']) ?? fromZonedIso(deal['DATE_MODIFY']) ?? fromUnixSeconds(d.ts);
    if (occurredAt === undefined) return malformed('result[MOVED_TIME]', 'must be an ISO-8601 time with its zone');
    const user = idOf(deal['ASSIGNED_BY_ID']);
    const title = text(deal['TITLE']);
    const company = idOf(deal['COMPANY_ID']);
    const contact = idOf(deal['CONTACT_ID']);
    const amount = roubles(deal['OPPORTUNITY'], deal['CURRENCY_ID']);
    const candidate: Candidate = {
      id: naturalId('bitrix24', 'deal', id, 'stage', stage),
      status: { id: stage },
      occurredAt,
      ...(user !== undefined && { externalUser: user }),
      clientId:
        company !== undefined
          ? `bitrix24:company:${company}`
          : contact !== undefined
            ? `bitrix24:contact:${contact}`
            : `bitrix24:deal:${id}`,
      clientName: clientName(title ?? `Deal ${id}`),
      ...(amount !== undefined && { amount }),
    };
    return {
      kind: 'candidates',
      candidates: [candidate],
      summary: summaryOf({
        deal: title ?? id,
        stage,
        user,
        amount:
          text(deal['OPPORTUNITY']) !== undefined ? `${text(deal['OPPORTUNITY'])} ${text(deal['CURRENCY_ID']) ?? ''}`.trim() : undefined,
      }),
    };
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

function readCall(d: Delivery): Reading {
  const data = d.data ?? {};
  const callId = text(data['CALL_ID']);
  if (callId === undefined) return malformed('data[CALL_ID]', 'is missing');
  const user = idOf(data['PORTAL_USER_ID']);
  const code = text(data['CALL_FAILED_CODE']);
  const durationText = text(data['CALL_DURATION']);
  if (durationText === undefined || !/^\d+$/.test(durationText) || Number(durationText) > 86_400)
    return malformed('data[CALL_DURATION]', 'must be whole seconds');
  const duration = Number(durationText);
  const summary = summaryOf({ call: duration, user, type: text(data['CALL_TYPE']), code });
  if (code !== undefined && code !== '200')
    return { kind: 'ignored', reason: 'not_answered', params: summaryOf({ code, why: text(data['CALL_FAILED_REASON']) }), summary };
  if (duration === 0) return { kind: 'ignored', reason: 'no_talk', summary };
  const occurredAt = fromZonedIso(data['CALL_START_DATE']) ?? fromUnixSeconds(d.ts);
  if (occurredAt === undefined) return malformed('data[CALL_START_DATE]', 'must be an ISO-8601 time with its zone');
  return {
    kind: 'candidates',
    candidates: [
      {
        id: naturalId('bitrix24', 'call', callId),
        type: 'call',
        occurredAt,
        durationSec: duration,
        ...(user !== undefined && { externalUser: user }),
      },
    ],
    summary,
  };
}
