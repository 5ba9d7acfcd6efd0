import {
  EVENT_TYPES,
  INTEGRATION_SYSTEMS,
  isFieldReasonCode,
  type EventType,
  type FieldReason,
  type IntegrationSystem,
} from '@conveyor/shared';
import { DataMarks, lang, message, type Lang, type MessageParams, type TextPart } from './i18n.js';

/**
 * Why a field or a row was refused, in the UI language: said by the server's `why` (a code and
 * its params) through the catalogue, never from its English `reason`. What the sender typed (ids,
 * column names, allowed values) is shown as data; event types and systems by their names.
 */

const isEventType = (value: unknown): value is EventType => typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
const isSystem = (value: unknown): value is IntegrationSystem =>
  typeof value === 'string' && (INTEGRATION_SYSTEMS as readonly string[]).includes(value);

/** Examples of what the import and the API read, shown as data. */
const DATE_EXAMPLE = '2026-11-25 10:00';
const AMOUNT_EXAMPLE = '350 000,50';

/** Params shown as data: values people typed or a system sent. Every param is given (empty when the reason has none): a message never misses one. */
const DATA_PARAMS = ['id', 'column', 'columns', 'values', 'value'] as const;
/** Params that are numbers for plurals and number formatting. */
const NUMBER_PARAMS = ['min', 'max', 'cells', 'header', 'row', 'line', 'mb', 'index', 'limit'] as const;

/** A field reason as parts: its words, with its data apart. No reason (an older server, another refusal) is `other`. */
export function fieldReasonParts(reason: FieldReason | undefined, of: Lang = lang()): TextPart[] {
  const marks = new DataMarks();
  return marks.parts(fieldReasonText(reason, of, marks));
}

/** A field reason as plain text, its data inline. */
export function fieldReasonPlain(reason: FieldReason | undefined, of: Lang = lang()): string {
  return fieldReasonParts(reason, of)
    .map((part) => part.text)
    .join('');
}

/** A field reason's words, data marked by `marks` (for a line that says more around it). */
export function fieldReasonText(reason: FieldReason | undefined, of: Lang, marks: DataMarks): string {
  const code = reason && isFieldReasonCode(reason.code) ? reason.code : 'other';
  const given = reason?.params ?? {};
  const params: Record<string, string | number> = {};
  for (const name of NUMBER_PARAMS) params[name] = Number(given[name] ?? 0);
  for (const name of DATA_PARAMS) params[name] = marks.mark(String(given[name] ?? ''));
  params.inclusive = String(given.inclusive === true || given.inclusive === 'true');
  params.expected = String(given.expected ?? '');
  const type = given.type;
  params.type = isEventType(type) ? message(of, `eventType.${type}`) : marks.mark(String(type ?? ''));
  const system = given.system;
  params.system = marks.mark(isSystem(system) ? message(of, `system.${system}`) : String(system ?? ''));
  params.scheme = marks.mark(message(of, 'system.label.https'));
  params.csv = marks.mark(message(of, 'system.label.csv'));
  params.json = marks.mark(message(of, 'system.label.json'));
  params.utf8 = marks.mark(message(of, 'system.label.utf8'));
  params.cp1251 = marks.mark(message(of, 'system.label.cp1251'));
  params.example = marks.mark(code === 'not_a_number' ? AMOUNT_EXAMPLE : DATE_EXAMPLE);
  return message(of, `field.reason.${code}`, params satisfies MessageParams);
}
