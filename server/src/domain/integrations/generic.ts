import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseEventBatch, why, type ActivityEvent } from '@conveyor/shared';
import { badRequest, JSON_OK, type Adapter, type Candidate, type Reading, type Settings, type WebhookRequest } from './adapter.js';

/**
 * `generic`: Conveyor's own event contract (one event or an array), signed with
 * `X-Conveyor-Signature: sha256=<hex HMAC-SHA256 of the raw body with the connection's secret>`.
 * `employeeId` (and `toEmployeeId`) may be an employee id or the sender's own user id, mapped
 * through `externalIds.generic`.
 */
export const SIGNATURE_HEADER = 'x-conveyor-signature';

export function conveyorSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

export const generic: Adapter = {
  system: 'generic',

  verify(request: WebhookRequest, settings: Settings) {
    const secret = settings['secret'];
    const given = request.headers[SIGNATURE_HEADER] ?? '';
    if (typeof secret !== 'string' || !sameText(given.trim().toLowerCase(), conveyorSignature(secret, request.rawBody)))
      return { ok: false, reason: 'bad_signature' };
    return { ok: true };
  },

  read(request: WebhookRequest): Reading {
    let body: unknown;
    try {
      body = JSON.parse(request.rawBody);
    } catch {
      return { kind: 'malformed', field: 'body', reason: 'is not JSON', why: why('not_json') };
    }
    const parsed = parseEventBatch(body);
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      const field = Array.isArray(body) ? `[${first.index}].${first.field}` : first.field;
      return { kind: 'malformed', field, reason: first.reason, ...(first.why && { why: first.why }) };
    }
    const candidates = parsed.events.map(toCandidate);
    return {
      kind: 'candidates',
      candidates,
      summary: candidates.length === 1 ? { type: candidates[0]!.type ?? '' } : { events: candidates.length },
    };
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

function toCandidate(event: ActivityEvent): Candidate {
  return {
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    ...('employeeId' in event && { externalUser: event.employeeId }),
    ...('toEmployeeId' in event && event.toEmployeeId !== undefined && { toExternalUser: event.toEmployeeId }),
    ...('clientId' in event && event.clientId !== undefined && { clientId: event.clientId }),
    ...(event.clientName !== undefined && { clientName: event.clientName }),
    ...('durationSec' in event && { durationSec: event.durationSec }),
    ...('amount' in event && { amount: event.amount }),
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
