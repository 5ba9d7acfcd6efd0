import type { EventRow } from '@conveyor/shared';
import { formatPoints } from '../../lib/format.js';
import { capitalize, formatMoney, t } from '../../lib/i18n/i18n.js';

/** An event's type as a person reads it: «Оплата». */
export const typeName = (row: Pick<EventRow, 'type'>): string => capitalize(t(`eventType.${row.type}`));

/** Money as «350 000 ₽», or nothing. */
export const amountText = (row: Pick<EventRow, 'amount' | 'currency'>): string =>
  row.amount === null ? '' : formatMoney(row.amount, row.currency ?? 'RUB');

/** The event in one line: «Оплата, 350 000 ₽, ООО Ромашка». */
export function eventLine(row: EventRow): string {
  return [typeName(row), amountText(row), row.employee?.name, row.client?.name ?? null]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(', ');
}

/** Points with a sign: «+15», «−15», «0». */
export const signed = (points: number): string => `${points > 0 ? '+' : ''}${formatPoints(points)}`;
