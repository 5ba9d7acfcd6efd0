import type { ActivityEventInput } from '@conveyor/shared';
import type { Api } from './api.js';

// docs/scoring.md, "The story": Romashka LLC through the Falcons, July to October 2026.
const at = (local: string) => `2026-${local}:00+03:00`;
const c = { clientId: 'romashka' };
export const story: ActivityEventInput[] = [
  { id: 'ex-01', type: 'call', occurredAt: at('07-01T10:00'), employeeId: 'anna', durationSec: 95, ...c },
  { id: 'ex-02', type: 'email.general', occurredAt: at('07-01T10:05'), employeeId: 'anna', ...c },
  { id: 'ex-03', type: 'need.identified', occurredAt: at('07-02T11:00'), employeeId: 'anna', ...c },
  { id: 'ex-04', type: 'email.decision_maker', occurredAt: at('07-02T11:30'), employeeId: 'anna', ...c },
  { id: 'ex-05', type: 'meeting.scheduled', occurredAt: at('07-03T12:00'), employeeId: 'anna', toEmployeeId: 'igor', ...c },
  { id: 'ex-06', type: 'meeting.held', occurredAt: at('07-08T15:00'), employeeId: 'igor', ...c },
  { id: 'ex-07', type: 'proposal.sent', occurredAt: at('07-09T10:00'), employeeId: 'igor', ...c },
  { id: 'ex-08', type: 'contract.signed', occurredAt: at('07-15T16:00'), employeeId: 'igor', ...c },
  { id: 'ex-09', type: 'client.handed_over', occurredAt: at('07-16T10:00'), employeeId: 'igor', ...c },
  { id: 'ex-10', type: 'payment.received', occurredAt: at('07-20T10:00'), amount: 180_000, ...c },
  { id: 'ex-11', type: 'payment.received', occurredAt: at('08-20T10:00'), amount: 180_000, ...c },
  { id: 'ex-12', type: 'payment.received', occurredAt: at('09-20T10:00'), amount: 180_000, ...c },
  { id: 'ex-13', type: 'payment.received', occurredAt: at('10-20T10:00'), amount: 200_000, ...c },
  { id: 'ex-14', type: 'payment.received', occurredAt: at('10-27T10:00'), amount: 150_000, ...c },
];

/** The Falcons triad, formed on 1 July 2026. */
export async function seedFalcons(api: Api): Promise<void> {
  await api.employee({ id: 'anna', name: 'Anna', role: 'telemarketer' });
  await api.employee({ id: 'igor', name: 'Igor', role: 'sales' });
  await api.employee({ id: 'olga', name: 'Olga', role: 'account' });
  await api.team({
    id: 'falcons',
    name: 'Falcons',
    members: { telemarketer: 'anna', sales: 'igor', account: 'olga' },
    since: '2026-07-01',
  });
}
