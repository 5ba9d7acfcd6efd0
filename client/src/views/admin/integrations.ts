import {
  DELIVERY_STATUSES,
  STATUS_EVENT_TYPES,
  SYSTEM_SETTINGS,
  SYSTEMS_WITH_OWN_SECRET,
  type Delivery,
  type DeliveryStatus,
  type Employee,
  type Integration,
  type IntegrationSystem,
  type SettingField,
  type StatusEventType,
  type StatusMap,
} from '@conveyor/shared';

/** What a system is to an office: where its cards sit in the «Подключить» form. */
export const SYSTEM_KINDS: Record<IntegrationSystem, 'crm' | 'telephony' | 'own'> = {
  amocrm: 'crm',
  bitrix24: 'crm',
  hubspot: 'crm',
  pipedrive: 'crm',
  mango: 'telephony',
  zadarma: 'telephony',
  sipuni: 'telephony',
  uis: 'telephony',
  generic: 'own',
};

export const NAME_MAX = 100;
export const SETTING_MAX = 500;

/** The fields a person types when connecting a system (a status map is filled later, from what arrives). */
export function typedFields(system: IntegrationSystem): readonly SettingField[] {
  return SYSTEM_SETTINGS[system].filter((field) => field.kind !== 'statusMap');
}

export const takesStatusMap = (system: IntegrationSystem): boolean => SYSTEM_SETTINGS[system].some((f) => f.kind === 'statusMap');
export const makesOwnSecret = (system: IntegrationSystem): boolean => SYSTEMS_WITH_OWN_SECRET.includes(system);

export type FieldProblem = 'required' | 'url' | 'tooLong';

/**
 * What is wrong with a typed value, as the server would refuse it (CreateIntegrationSchema): a
 * required field left empty, an address that is not http(s), too long. `keeping`: a secret that is
 * already set may stay empty (it is kept).
 */
export function fieldProblem(field: SettingField, value: string, keeping = false): FieldProblem | null {
  const v = value.trim();
  if (v === '') return field.required && !keeping ? 'required' : null;
  if (v.length > SETTING_MAX) return 'tooLong';
  if (field.kind === 'url') {
    try {
      const url = new URL(v);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url';
    } catch {
      return 'url';
    }
  }
  return null;
}

export function nameProblem(name: string): FieldProblem | null {
  const v = name.trim();
  if (v === '') return 'required';
  return v.length > NAME_MAX ? 'tooLong' : null;
}

/**
 * The `settings` to send: typed values trimmed. On creation every typed field goes; on a change
 * (`keep`: the secrets already set) an empty secret is left out, so the stored one stays, and an
 * empty optional field too.
 */
export function settingsBody(
  system: IntegrationSystem,
  values: Readonly<Record<string, string>>,
  keep: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of typedFields(system)) {
    const v = (values[field.name] ?? '').trim();
    if (v === '' && (keep.includes(field.name) || !field.required)) continue;
    out[field.name] = v;
  }
  return out;
}

/** Every problem of a form, by field (`name` for the connection's name); empty when it may be sent. */
export function formProblems(
  system: IntegrationSystem,
  name: string,
  values: Readonly<Record<string, string>>,
  keep: readonly string[] = [],
): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  const named = nameProblem(name);
  if (named) out.name = named;
  for (const field of typedFields(system)) {
    const problem = fieldProblem(field, values[field.name] ?? '', keep.includes(field.name));
    if (problem) out[field.name] = problem;
  }
  return out;
}

const isStatusEvent = (value: unknown): value is StatusEventType =>
  typeof value === 'string' && (STATUS_EVENT_TYPES as readonly string[]).includes(value);

/** A connection's status map as stored (anything else in `settings.statusMap` dropped). */
export function statusMapOf(settings: Readonly<Record<string, unknown>>): StatusMap {
  const raw = settings.statusMap;
  const out: StatusMap = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [status, type] of Object.entries(raw as Record<string, unknown>)) if (type === null || isStatusEvent(type)) out[status] = type;
  return out;
}

/**
 * The whole map to PATCH when one stage is matched (the server replaces a named setting, so a
 * change sends every stage): `type` an event, null "known, scores nothing", undefined forgets it.
 */
export function mergeStatusMap(current: StatusMap, status: string, type: StatusEventType | null | undefined): StatusMap {
  const key = status.trim();
  const out: StatusMap = { ...current };
  if (type === undefined) delete out[key];
  else out[key] = type;
  return out;
}

/** Deliveries that can be processed again: an ignored or parked one (a refused one kept no body). */
export const replayable = (delivery: Pick<Delivery, 'status'>): boolean => delivery.status === 'ignored' || delivery.status === 'parked';

/** A refused delivery keeps nothing of what was sent. */
export const hasBody = (delivery: Pick<Delivery, 'status'>): boolean => delivery.status !== 'refused';

/**
 * The inbox after a refresh of its newest page: fresh rows replace the shown ones with the same
 * id, new ones join, and the older pages already loaded stay; newest first.
 */
export function mergeDeliveries(shown: readonly Delivery[], fresh: readonly Delivery[]): Delivery[] {
  const byId = new Map<string, Delivery>();
  for (const d of shown) byId.set(d.id, d);
  for (const d of fresh) byId.set(d.id, d);
  return [...byId.values()].sort((a, b) => (a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1));
}

/** The inbox counts worth showing, in the statuses' order. */
export function inboxCounts(inbox: Partial<Record<DeliveryStatus, number>>): { status: DeliveryStatus; n: number }[] {
  return DELIVERY_STATUSES.map((status) => ({ status, n: inbox[status] ?? 0 })).filter((c) => c.n > 0);
}

/** The webhook address as a system must be given it: absolute (a path gets the console's origin). */
export function absoluteUrl(url: string, origin: string): string {
  return /^https?:\/\//i.test(url) ? url : new URL(url, origin).toString();
}

/** The employee whose id in `system` is `externalId`, if anyone's. */
export function mappedTo(employees: readonly Employee[], system: IntegrationSystem, externalId: string): Employee | undefined {
  return employees.find((e) => e.externalIds[system] === externalId);
}

/** The connection with a fresh copy of one field (what a PATCH answered), others as they were. */
export function replaceIntegration(list: readonly Integration[], next: Integration): Integration[] {
  return list.map((i) => (i.id === next.id ? next : i));
}
