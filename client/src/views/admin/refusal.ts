import { ERROR_CODES } from '@conveyor/shared';
import { errorText, HttpError } from '../../lib/api/http.js';
import { t, type MessageKey, type TextPart } from '../../lib/i18n/i18n.js';
import { fieldReasonParts } from '../../lib/i18n/field-reasons.js';

/**
 * A refusal as a line in the UI language, its field named as the page names it: «Секретный ключ:
 * не заполнено», not the server's `settings.apiSecret: is required`. `labels` turns a field path
 * into a catalogue key; a field with no label is shown as data.
 */
export function refusalParts(error: unknown, labels: (field: string) => MessageKey | null = () => null): TextPart[] {
  if (!(error instanceof HttpError) || !error.body || !(ERROR_CODES as readonly string[]).includes(error.body.code))
    return [{ text: errorText(error), data: false }];
  const parts: TextPart[] = [{ text: t(`error.${error.body.code}`), data: false }];
  const first = error.body.errors[0];
  if (!first) return parts;
  if (first.field === 'body') return [...parts, { text: ' — ', data: false }, ...fieldReasonParts(first.why)];
  const label = labels(first.field);
  parts.push({ text: ' — ', data: false });
  parts.push(label ? { text: t(label), data: false } : { text: first.field, data: true });
  parts.push({ text: ': ', data: false });
  return [...parts, ...fieldReasonParts(first.why)];
}
