import type { IntegrationSystem } from '@conveyor/shared';
import type { Lookup, Settings } from '../../domain/integrations/adapter.js';
import { DEAL_LOOKUP } from '../../domain/integrations/hubspot.js';

/** A lookup that does not answer in this time is tried again later. */
const TIMEOUT_MS = 10_000;

const HUBSPOT_API = 'https://api.hubapi.com';

/** Looks up what a system's webhook left out, with the connection's settings; throws on any failure (the delivery is tried again). */
export function performLookups(system: IntegrationSystem, settings: Settings, lookups: readonly Lookup[]): Promise<unknown[]> {
  if (system === 'hubspot') return hubspotLookups(text(settings['apiUrl']) || HUBSPOT_API, text(settings['accessToken']), lookups);
  return bitrixLookups(text(settings['restUrl']), lookups);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * HubSpot's CRM API: `crm.objects.deals.get` is GET /crm/v3/objects/deals/{id}?properties=…, with
 * the private app's access token; answers the deal object `{ id, properties }`.
 */
async function hubspotLookups(apiUrl: string, token: string, lookups: readonly Lookup[]): Promise<unknown[]> {
  if (!token) throw new Error('the connection has no accessToken to look deals up with');
  const answers: unknown[] = [];
  for (const lookup of lookups) {
    if (lookup.method !== DEAL_LOOKUP) throw new Error(`${lookup.method}: not a HubSpot lookup`);
    const url = new URL(`/crm/v3/objects/deals/${encodeURIComponent(lookup.params['id'] ?? '')}`, apiUrl);
    if (lookup.params['properties']) url.searchParams.set('properties', lookup.params['properties']);
    answers.push(await fetchJson(lookup.method, url, { headers: { authorization: `Bearer ${token}` } }));
  }
  return answers;
}

async function fetchJson(what: string, url: URL, init: RequestInit): Promise<unknown> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status}`);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new Error(`${what}: the answer is not JSON`);
  }
}

/**
 * Calls a system's REST API for what its webhook left out: Bitrix24's incoming-webhook URL
 * (`https://<portal>/rest/<user>/<code>/`) plus `<method>.json`, the parameters as a form. Answers
 * the parsed JSON of each, in order; any failure (network, timeout, non-2xx, an `error` answer)
 * throws, and the delivery is tried again.
 */
async function bitrixLookups(restUrl: string, lookups: readonly Lookup[]): Promise<unknown[]> {
  if (!restUrl) throw new Error('the connection has no restUrl');
  const base = restUrl.endsWith('/') ? restUrl : `${restUrl}/`;
  const answers: unknown[] = [];
  for (const lookup of lookups) {
    const answer = await fetchJson(lookup.method, new URL(`${lookup.method}.json`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(lookup.params).toString(),
    });
    if (typeof answer === 'object' && answer !== null && 'error' in answer)
      throw new Error(`${lookup.method}: ${JSON.stringify(answer.error)}`);
    answers.push(answer);
  }
  return answers;
}
