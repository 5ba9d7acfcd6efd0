import {
  EVENT_FIELDS,
  parseEventBatch,
  whyAsParams,
  type ActivityEvent,
  type DeliveryReason,
  type EventType,
  type IntegrationSystem,
  type StatusMap,
  type Unmapped,
} from '@conveyor/shared';
import type { Candidate } from './adapter.js';

/** What the office has mapped: its people's user keys in the system, and the CRM's statuses. */
export interface Mapping {
  /** The employee a system's user key belongs to, if anyone's. */
  employeeOf(externalUser: string): string | undefined;
  statusMap: StatusMap;
}

export type Resolution =
  | { kind: 'events'; events: ActivityEvent[] }
  | { kind: 'parked'; unmapped: Unmapped[] }
  | { kind: 'ignored'; reason: Extract<DeliveryReason, 'status_not_scored' | 'malformed'>; params: Record<string, string | number> };

/**
 * Turns what a delivery reports into catalogue events, once every user and status it names is
 * mapped. All or nothing: a delivery with anything unmapped is parked whole, listing each thing
 * once, so it is scored in one piece the moment the office maps them.
 */
export function resolve(system: IntegrationSystem, candidates: readonly Candidate[], mapping: Mapping): Resolution {
  const unmapped = new Map<string, Unmapped>();
  const inputs: Record<string, unknown>[] = [];
  for (const c of candidates) {
    let type: EventType | null | undefined = c.type;
    if (type === undefined && c.status) {
      type = mapping.statusMap[c.status.id];
      if (type === undefined) {
        unmapped.set(`status:${c.status.id}`, { kind: 'status', status: c.status.id, ...(c.status.label && { label: c.status.label }) });
      }
    }
    if (type === null) continue; // a status the office chose not to score
    const fields = type ? EVENT_FIELDS[type] : null;
    const user = (key: string | undefined, name?: string): string | undefined => {
      if (key === undefined) return undefined;
      const employeeId = mapping.employeeOf(key);
      if (employeeId === undefined) unmapped.set(`user:${key}`, { kind: 'user', externalId: key, ...(name && { name }) });
      return employeeId;
    };
    // A payment names no one; an unmapped status may still need its user: ask for both at once.
    const employeeId = fields?.employeeId === 'forbidden' ? undefined : user(c.externalUser, c.externalUserName);
    const toEmployeeId = fields?.toEmployeeId === 'forbidden' ? undefined : user(c.toExternalUser);
    if (!type || !fields) continue; // its status is not mapped yet
    inputs.push({
      id: c.id,
      type,
      occurredAt: c.occurredAt,
      source: system,
      ...(employeeId !== undefined && { employeeId }),
      ...(toEmployeeId !== undefined && { toEmployeeId }),
      ...(c.clientId !== undefined && fields.clientId !== 'forbidden' && { clientId: c.clientId }),
      ...(c.clientName !== undefined && { clientName: c.clientName }),
      ...(c.durationSec !== undefined && fields.durationSec !== 'forbidden' && { durationSec: c.durationSec }),
      ...(c.amount !== undefined && fields.amount !== 'forbidden' && { amount: c.amount }),
    });
  }
  if (unmapped.size > 0) return { kind: 'parked', unmapped: [...unmapped.values()] };
  if (inputs.length === 0) return { kind: 'ignored', reason: 'status_not_scored', params: {} };
  const parsed = parseEventBatch(inputs);
  if (!parsed.ok) {
    const first = parsed.errors[0]!;
    return { kind: 'ignored', reason: 'malformed', params: { field: first.field, reason: first.reason, ...whyAsParams(first.why) } };
  }
  return { kind: 'events', events: parsed.events };
}
