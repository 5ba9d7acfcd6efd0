import type { Lookup } from '../../domain/integrations/adapter.js';

/** A lookup that does not answer in this time is tried again later. */
const TIMEOUT_MS = 10_000;

/**
 * Calls a system's REST API for what its webhook left out: Bitrix24's incoming-webhook URL
 * (`https://<portal>/rest/<user>/<code>/`) plus `<method>.json`, the parameters as a form. Answers
 * the parsed JSON of each, in order; any failure (network, timeout, non-2xx, an `error` answer)
 * throws, and the delivery is tried again.
 */
export async function performLookups(restUrl: string, lookups: readonly Lookup[]): Promise<unknown[]> {
  if (!restUrl) throw new Error('the connection has no restUrl');
  const base = restUrl.endsWith('/') ? restUrl : `${restUrl}/`;
  const answers: unknown[] = [];
  for (const lookup of lookups) {
    const res = await fetch(new URL(`${lookup.method}.json`, base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(lookup.params).toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${lookup.method}: HTTP ${res.status}`);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new Error(`${lookup.method}: the answer is not JSON`);
    }
    if (typeof answer === 'object' && answer !== null && 'error' in answer)
      throw new Error(`${lookup.method}: ${JSON.stringify(answer.error)}`);
    answers.push(answer);
  }
  return answers;
}
