import type { ActivityEvent } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { MemoryLedger } from './memory-ledger.js';
import { ctx } from './random-office.testing.js';

// Reasons are data: every award carries its rule's code and the numbers and names behind it.
const at = (day: number, hour = 10): string => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

describe('reasons as data', () => {
  it('a successful call carries its seconds; the norm its calls', async () => {
    const ledger = new MemoryLedger(ctx);
    const calls: ActivityEvent[] = [1, 2, 3].map((k) => ({
      id: `c${k}`,
      type: 'call',
      occurredAt: at(12, 9 + k),
      employeeId: 't1',
      durationSec: 40 + k,
    }));
    await ledger.ingest(calls);
    const call = ledger.entries.find((e) => e.eventId === 'c1' && e.rule === 'telemarketer.call');
    expect(call).toMatchObject({ reasonCode: 'telemarketer.call', params: { employee: 'T1', seconds: 41 } });
    expect(ledger.entries.find((e) => e.rule === 'telemarketer.daily_norm')).toMatchObject({ params: { calls: 3 } });
  });

  it('money comes with its currency, and a client with its latest name (else its id)', async () => {
    const ledger = new MemoryLedger(ctx);
    await ledger.ingest([
      { id: 'm', type: 'meeting.scheduled', occurredAt: at(5), employeeId: 't1', clientId: 'romashka', clientName: 'Ромашка' },
      { id: 'h', type: 'client.handed_over', occurredAt: at(6), employeeId: 's1', clientId: 'romashka' },
      { id: 'p', type: 'payment.received', occurredAt: at(7), clientId: 'romashka', amount: 350_000, clientName: 'ООО Ромашка' },
      { id: 'x', type: 'meeting.scheduled', occurredAt: at(8), employeeId: 't1', clientId: 'lotos' },
    ]);
    const byRule = (rule: string) => ledger.entries.find((e) => e.rule === rule);
    expect(byRule('sales.first_payment')?.params).toEqual({
      employee: 'S1',
      amount: 350_000,
      currency: 'RUB',
      clientId: 'romashka',
      client: 'ООО Ромашка',
    });
    expect(byRule('account.payment')?.params).toMatchObject({ amount: 350_000, currency: 'RUB', newClient: true, client: 'ООО Ромашка' });
    expect(byRule('telemarketer.first_payment')?.params).toMatchObject({ client: 'ООО Ромашка' });
    // Scored with the payment that renamed it, the meeting's award already says the latest name;
    // a client never named shows its id.
    expect(ledger.entries.find((e) => e.eventId === 'm')?.params).toMatchObject({ client: 'ООО Ромашка' });
    expect(ledger.entries.find((e) => e.eventId === 'x')?.params).toMatchObject({ clientId: 'lotos', client: 'lotos' });
  });

  it("an event that carries no name still names its client as the client's history last did", async () => {
    const ledger = new MemoryLedger(ctx);
    await ledger.ingest([
      { id: 'n1', type: 'meeting.scheduled', occurredAt: at(3), employeeId: 't1', clientId: 'vektor', clientName: 'ООО «Вектор»' },
      { id: 'n2', type: 'meeting.held', occurredAt: at(4), employeeId: 's1', clientId: 'vektor' },
    ]);
    expect(ledger.entries.find((e) => e.eventId === 'n2')?.params).toMatchObject({ clientId: 'vektor', client: 'ООО «Вектор»' });
  });

  it('a reversal keeps the params of what it reverses and says why', async () => {
    const ledger = new MemoryLedger(ctx);
    await ledger.ingest([{ id: 'e', type: 'email.general', occurredAt: at(9), employeeId: 't1' }]);
    await ledger.void('e');
    const [award, reversal] = ledger.entries;
    expect(award).toMatchObject({ reasonCode: 'telemarketer.email_general', points: 2, params: { employee: 'T1' } });
    expect(reversal).toMatchObject({
      reasonCode: 'telemarketer.email_general',
      points: -2,
      params: { employee: 'T1', reversed: true, cause: 'void' },
    });
  });
});
