import { PERIOD_KINDS, type PeriodKind } from '@conveyor/shared';

/** What a wall screen shows: a period kind, and a fixed date for a past period (none: the current one). */
export interface WallView {
  period: PeriodKind;
  at?: string;
}

/** Reads `?period=quarter&at=2026-10-01` from the TV's address; anything else means the current month. */
export function wallView(search: string): WallView {
  const params = new URLSearchParams(search);
  const period = params.get('period');
  const at = params.get('at');
  return {
    period: PERIOD_KINDS.includes(period as PeriodKind) ? (period as PeriodKind) : 'month',
    ...(at && /^\d{4}-\d{2}-\d{2}$/.test(at) ? { at } : {}),
  };
}
