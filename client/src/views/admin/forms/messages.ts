import type { FieldReason } from '@conveyor/shared';
import { fieldReasonPlain } from '../../../lib/i18n/field-reasons.js';
import { t } from '../../../lib/i18n/i18n.js';
import type { FieldProblems } from './form-state.js';

/** The line under a field: its name and why («Встреча назначена: не меньше 0»). */
export function problemText(label: string, reason: FieldReason): string {
  return `${label}: ${fieldReasonPlain(reason)}`;
}

/** The message under the field at `path`, or null: what the form found first, else what the server said. */
export function messageAt(path: string, label: string, ...sources: FieldProblems[]): string | null {
  for (const problems of sources) {
    const reason = problems.get(path);
    if (reason) return problemText(label, reason);
  }
  return null;
}

/**
 * Why the save button is disabled: the first field with a problem, named («Сохранить нельзя:
 * Встреча назначена — не меньше 0»), or null when there is none.
 */
export function blockedText(problems: FieldProblems, label: (path: string) => string): string | null {
  for (const [path, reason] of problems) return t('admin.forms.blocked', { field: label(path), reason: fieldReasonPlain(reason) });
  return null;
}
