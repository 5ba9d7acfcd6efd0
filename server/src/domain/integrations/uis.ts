import { badRequest, JSON_OK, type Adapter, type Reading, type WebhookRequest } from './adapter.js';
import {
  callReading,
  jsonObject,
  MalformedField,
  moscowTime,
  optionalText,
  readSafely,
  requiredText,
  wholeSeconds,
  type Direction,
} from './forms.js';

/**
 * UIS (CoMagic) event notifications (uiscom.ru, "Уведомления о событиях").
 *
 * UIS sends what the office writes: in its console the office adds a notification on the
 * "call finished" event, method POST, and pastes the body below, whose `{{name}}` variables
 * UIS fills in (as JSON values: text quoted, numbers bare, `null` when empty):
 *
 * ```json
 * {
 *   "call_session_id": {{call_session_id}},
 *   "direction": {{direction}},
 *   "start_time": {{start_time}},
 *   "notification_time": {{notification_time}},
 *   "employee_id": {{employee_id}},
 *   "employee_full_name": {{employee_full_name}},
 *   "contact_phone_number": {{contact_phone_number}},
 *   "virtual_phone_number": {{virtual_phone_number}},
 *   "talk_time_duration": {{talk_time_duration}},
 *   "total_time_duration": {{total_time_duration}},
 *   "wait_time_duration": {{wait_time_duration}}
 * }
 * ```
 *
 * An office that keys its people by extension sends `"employee_ext"` instead of `employee_id`.
 * The talk time is `talk_time_duration`; 0 scores nothing. UIS signs nothing: the URL key is the
 * only credential. Times without an offset are Moscow time.
 */
export const uis: Adapter = {
  system: 'uis',

  verify() {
    return { ok: true };
  },

  read(request: WebhookRequest): Reading {
    return readSafely(() => readCallFinished(jsonObject(request.rawBody, 'body')));
  },

  accepted: JSON_OK,
  rejected: badRequest,
};

const DIRECTIONS: Readonly<Record<string, Direction>> = { in: 'in', out: 'out' };

function readCallFinished(body: Record<string, unknown>): Reading {
  const sessionId = requiredText(body['call_session_id'], 'call_session_id');
  const talkSec = wholeSeconds(body['talk_time_duration'], 'talk_time_duration');
  const time = body['start_time'] ?? body['notification_time'];
  const startedAt = moscowTime(time, body['start_time'] === undefined ? 'notification_time' : 'start_time');
  const direction = DIRECTIONS[optionalText(body['direction']) ?? ''];
  if (direction === undefined) throw new MalformedField('direction', 'must be "in" or "out"');
  if (!('employee_id' in body) && !('employee_ext' in body)) throw new MalformedField('employee_id', 'is required (or employee_ext)');
  const name = optionalText(body['employee_full_name']);
  const employeeId = optionalText(body['employee_id']);
  return callReading({
    system: 'uis',
    key: sessionId,
    direction,
    startedAt,
    externalUser: employeeId ?? optionalText(body['employee_ext']),
    externalUserField: 'employee_id',
    userKind: employeeId === undefined ? 'ext' : 'user',
    ...(name !== undefined && { externalUserName: name }),
    talkSec,
    phone: optionalText(body['contact_phone_number']),
  });
}
