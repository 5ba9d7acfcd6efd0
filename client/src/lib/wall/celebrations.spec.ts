import type { ClientPayment, Moment } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { CelebrationQueue, celebrates } from './celebrations.js';

const grade = (version: number, up = true): Moment => ({
  version,
  type: 'grade.changed',
  data: { teamId: 't', teamName: 'T', windowKey: '2026-Q4', from: null, to: 'Bronze', up, points: 1000, at: '' },
});
const payment = (eventId: string): ClientPayment => ({
  eventId,
  clientId: 'romashka',
  client: 'ООО Ромашка',
  amount: 350_000,
  currency: 'RUB',
  people: [{ employeeId: 'anna', name: 'Анна Смирнова', teamName: 'Соколы', photoUrl: null }],
  occurredAt: '',
  at: '',
});
const newClient = (version: number, eventId = 'p1'): Moment => ({ version, type: 'client.new', data: payment(eventId) });
const renewal = (version: number, eventId = 'p1'): Moment => ({ version, type: 'client.renewal', data: payment(eventId) });
const big = (version: number, eventId = 'p1'): Moment => ({
  version,
  type: 'payment.big',
  data: { ...payment(eventId), client: 'ООО Ромашка' },
});

describe('celebrations', () => {
  it('celebrate climbing, not falling back', () => {
    expect(celebrates(grade(1))).toBe(true);
    expect(celebrates(grade(2, false))).toBe(false);
  });

  it('celebrate a new client and a renewal; not a kind the screen does not know', () => {
    expect(celebrates(newClient(1))).toBe(true);
    expect(celebrates(renewal(1))).toBe(true);
    expect(celebrates(JSON.parse('{"version":1,"type":"something.new","data":{}}') as Moment)).toBe(false);
  });

  it('queue one after another, first at once', () => {
    const q = new CelebrationQueue();
    expect(q.push(grade(1))).toBe(true);
    expect(q.push(newClient(2))).toBe(false);
    expect(q.current!.moment.version).toBe(1);
    expect(q.advance()!.moment.version).toBe(2);
    expect(q.advance()).toBeNull();
  });

  it('stay bounded in a flood, keeping the newest and counting what was dropped on the next card', () => {
    const q = new CelebrationQueue(3);
    for (let v = 1; v <= 100; v++) q.push(grade(v));
    expect(q.current).toMatchObject({ skipped: 0, moment: { version: 1 } });
    expect(q.waiting).toBe(3);
    expect(q.advance()).toMatchObject({ skipped: 96, moment: { version: 98 } });
    expect(q.advance()).toMatchObject({ skipped: 0, moment: { version: 99 } });
  });

  it('celebrate a payment once: as a new client or a renewal, not again as a big payment', () => {
    const q = new CelebrationQueue();
    q.push(grade(1));
    q.push(newClient(2, 'p1'));
    q.push(big(3, 'p1'));
    q.push(big(4, 'p2'));
    q.push(renewal(5, 'p2')); // arrived after its big payment: takes its place in the line
    expect(q.waiting).toBe(2);
    expect(q.advance()!.moment.type).toBe('client.new');
    expect(q.advance()!.moment).toMatchObject({ type: 'client.renewal', version: 5 });
    expect(q.push(big(6, 'p2'))).toBe(false); // its renewal is on screen
    expect(q.waiting).toBe(0);
  });
});
