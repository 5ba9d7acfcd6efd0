import type { Adapter, Reading, Reply, WebhookRequest } from './adapter.js';
import {
  callReading,
  callSummary,
  formFields,
  MalformedField,
  optionalText,
  readSafely,
  requiredText,
  unixTime,
  type Direction,
} from './forms.js';

/** The answer Sipuni requires to every request. */
const SUCCESS: Reply = { status: 200, contentType: 'application/json', body: '{"success":true}' };

/**
 * Sipuni PBX events over HTTP (doc.sipuni.com, "Отправка событий HTTP"; Settings > API > Events).
 *
 * Sipuni calls the URL with GET or POST, URL-encoded parameters, for each event of a call:
 * `event=1` a call starts (per callee rung: it may come more than once), `3` someone answers,
 * `4` a leg ends during a transfer, `2` the call is hung up. It expects `{"success": true}` in
 * reply to every request; anything else may pause its sending, so even a body that is not its
 * format gets that answer (and is stored as ignored). It signs nothing: the URL key is the only
 * credential.
 *
 * Only the hang-up (`event=2`) is scored, and it is enough on its own: it carries `status`,
 * `call_start_timestamp`, `call_answer_timestamp` (0 when nobody answered) and `timestamp`, the
 * hang-up time. Talk time is `timestamp - call_answer_timestamp`, so ringing is never counted and
 * a lost answer event (`3`) changes nothing. Repeated events and repeated hang-ups of the same
 * call read the same and make the same event id, `sipuni:<call_id>`, so a call counts once. A
 * call whose hang-up never comes is never scored. Times are Unix seconds. The employee is the
 * PBX side's extension, `last_called` (else `short_dst_num` / `short_src_num`).
 */
export const sipuni: Adapter = {
  system: 'sipuni',

  verify() {
    return { ok: true };
  },

  read(request: WebhookRequest): Reading {
    return readSafely(() => {
      const params = { ...request.query, ...formFields(request.method.toUpperCase() === 'GET' ? '' : request.rawBody) };
      const event = requiredText(params['event'], 'event');
      if (!EVENTS.has(event)) throw new MalformedField('event', 'must be 1, 2, 3 or 4');
      const callId = requiredText(params['call_id'], 'call_id');
      if (event !== HANG_UP) return { kind: 'ignored', reason: 'nothing_to_score', params: { event } };
      return readHangUp(callId, params);
    });
  },

  accepted: SUCCESS,
  rejected: () => SUCCESS,
};

const EVENTS = new Set(['1', '2', '3', '4']);
const HANG_UP = '2';
/** `src_type` / `dst_type`: 1 an outside number, 2 an extension of the PBX. */
const OUTSIDE = '1';
const EXTENSION = '2';

function readHangUp(callId: string, params: Record<string, string>): Reading {
  const status = requiredText(params['status'], 'status');
  const srcType = requiredText(params['src_type'], 'src_type');
  if (srcType !== OUTSIDE && srcType !== EXTENSION) throw new MalformedField('src_type', 'must be 1 or 2');
  if (srcType === EXTENSION && optionalText(params['dst_type']) === EXTENSION)
    return { kind: 'ignored', reason: 'nothing_to_score', params: { direction: 'internal' } };
  const direction: Direction = srcType === OUTSIDE ? 'in' : 'out';
  const hungUpAt = unixTime(params['timestamp'], 'timestamp');
  const ext = lastCalled(params) ?? optionalText(direction === 'in' ? params['short_dst_num'] : params['short_src_num']);
  const phone = optionalText(direction === 'in' ? params['src_num'] : params['dst_num']);
  if (status !== 'ANSWER') {
    return {
      kind: 'ignored',
      reason: 'not_answered',
      params: { status },
      summary: callSummary({ direction, externalUser: ext, talkSec: 0, phone }),
    };
  }
  const answer = optionalText(params['call_answer_timestamp']);
  if (answer === undefined || answer === '0') throw new MalformedField('call_answer_timestamp', 'is required when status is ANSWER');
  const answeredAt = unixTime(answer, 'call_answer_timestamp');
  const start = optionalText(params['call_start_timestamp']);
  return callReading({
    system: 'sipuni',
    key: callId,
    direction,
    startedAt: start === undefined ? answeredAt : unixTime(start, 'call_start_timestamp'),
    externalUser: ext,
    externalUserField: 'last_called',
    talkSec: Math.max(0, Math.round((hungUpAt.getTime() - answeredAt.getTime()) / 1000)),
    phone,
  });
}

/**
 * The PBX side's extension: `last_called`, the last extension the call went to (the one who
 * answered an incoming call, the caller of an outgoing one); when it lists several, `&`-separated,
 * the last of them.
 */
function lastCalled(params: Record<string, string>): string | undefined {
  return optionalText(params['last_called'])
    ?.split('&')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .at(-1);
}
