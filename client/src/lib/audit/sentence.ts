import { EVENT_TYPES, isAuditAction, type AuditEntry, type AuditSubject, type EventType } from '@conveyor/shared';
import { capitalize, formatMoney, periodLabel, t, tParts, type TextPart } from '../i18n/i18n.js';
import { genderOf } from './gender.js';

const isEventType = (type: string | null): type is EventType => type !== null && (EVENT_TYPES as readonly string[]).includes(type);

/** A voided event as a person reads it: «Оплата, 350 000 ₽, ООО Ромашка»; its id when nothing else was kept. */
export function eventDescription(subject: Extract<AuditSubject, { kind: 'event' }>): string {
  const parts = [
    isEventType(subject.type) ? capitalize(t(`eventType.${subject.type}`)) : null,
    subject.amount !== null ? formatMoney(subject.amount, subject.currency ?? 'RUB') : null,
    subject.employeeName,
    subject.clientName,
  ].filter((p): p is string => p !== null && p !== '');
  return parts.length > 0 ? parts.join(', ') : t('admin.audit.someEvent');
}

function subjectText(subject: AuditSubject | null | undefined): string {
  if (!subject) return t('admin.audit.unnamed');
  if (subject.kind === 'event') return eventDescription(subject);
  if (subject.kind === 'period' && subject.id) return periodLabel(subject.id);
  return subject.name ?? t('admin.audit.unnamed');
}

/**
 * An audit entry as one sentence in the UI language, from the catalogue by its action code:
 * «Ирина Котова отменила событие «Оплата, 350 000 ₽, ООО Ромашка» — причина: дубль из CRM». Names,
 * the event and the reason are data (shown `translate="no"`); an unknown code is said with the code.
 */
export function auditParts(entry: AuditEntry): TextPart[] {
  const bootstrap = entry.actor.id === 'bootstrap';
  const who = bootstrap ? t('admin.bootstrap') : entry.actor.name;
  const gender = bootstrap ? 'male' : genderOf(entry.actor.name);
  const data: Record<string, string> = { who, subject: subjectText(entry.subject), reason: entry.reason ?? '' };
  const params = { gender, hasReason: entry.reason ? 'yes' : 'no' };
  if (!isAuditAction(entry.action)) return tParts('admin.audit.unknown', params, { ...data, action: entry.action });
  return tParts(`audit.action.${entry.action}`, params, data);
}
