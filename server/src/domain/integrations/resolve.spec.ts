import { describe, expect, it } from 'vitest';
import type { Candidate } from './adapter.js';
import { resolve, type Mapping } from './resolve.js';

const users: Record<string, string> = { '504141': 'sales1', '101': 'tm1' };
const mapping = (statusMap: Mapping['statusMap'] = {}): Mapping => ({ employeeOf: (key) => users[key], statusMap });

const call: Candidate = { id: 'zadarma:c1', type: 'call', occurredAt: '2026-11-27T07:00:00.000Z', externalUser: '101', durationSec: 42 };
const won: Candidate = {
  id: 'amocrm:lead:1:status:142',
  status: { id: '142' },
  occurredAt: '2026-11-27T07:00:00.000Z',
  externalUser: '504141',
  clientId: 'amocrm:lead:1',
  clientName: 'ООО «Ромашка»',
  amount: 125000,
};

describe('resolve: a delivery becomes events once its users and statuses are mapped', () => {
  it('maps the user, keeps the fields the event type takes, and names the source', () => {
    expect(resolve('zadarma', [call], mapping())).toEqual({
      kind: 'events',
      events: [
        { id: 'zadarma:c1', type: 'call', occurredAt: '2026-11-27T07:00:00.000Z', employeeId: 'tm1', durationSec: 42, source: 'zadarma' },
      ],
    });
  });

  it('drops what the mapped type does not take (a contract has no amount) and carries the amount into a payment, with no one', () => {
    const signed = resolve('amocrm', [won], mapping({ '142': 'contract.signed' }));
    expect(signed).toMatchObject({
      kind: 'events',
      events: [{ type: 'contract.signed', employeeId: 'sales1', clientName: 'ООО «Ромашка»' }],
    });
    expect(signed.kind === 'events' && 'amount' in signed.events[0]!).toBe(false);
    const paid = resolve('amocrm', [{ ...won, externalUser: 'nobody' }], mapping({ '142': 'payment.received' }));
    expect(paid).toMatchObject({ kind: 'events', events: [{ type: 'payment.received', clientId: 'amocrm:lead:1', amount: 125000 }] });
  });

  it('parks the whole delivery, naming each unmapped user and status once', () => {
    const other: Candidate = { ...won, id: 'amocrm:lead:2:status:142', externalUser: '777' };
    expect(resolve('amocrm', [won, other, { ...other, id: 'amocrm:lead:3:status:142' }], mapping())).toEqual({
      kind: 'parked',
      unmapped: [
        { kind: 'status', status: '142' },
        { kind: 'user', externalId: '777' },
      ],
    });
    expect(resolve('zadarma', [call, { ...call, id: 'zadarma:c2', externalUser: '102' }], mapping())).toEqual({
      kind: 'parked',
      unmapped: [{ kind: 'user', externalId: '102' }],
    });
  });

  it('scores nothing for a status the office chose not to score, and never parks it for its user', () => {
    expect(resolve('amocrm', [{ ...won, externalUser: '777' }], mapping({ '142': null }))).toEqual({
      kind: 'ignored',
      reason: 'status_not_scored',
      params: {},
    });
  });

  it('ignores, naming the field, what the catalogue would refuse (a meeting without its client)', () => {
    const noClient: Candidate = { id: 'amocrm:lead:9:status:5', status: { id: '5' }, occurredAt: won.occurredAt, externalUser: '504141' };
    expect(resolve('amocrm', [noClient], mapping({ '5': 'meeting.held' }))).toMatchObject({
      kind: 'ignored',
      reason: 'malformed',
      params: { field: 'clientId' },
    });
  });
});
