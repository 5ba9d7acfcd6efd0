import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { ActivityEventSchema, EVENT_FIELDS, EVENT_TYPES, canonicalEventJson, parseEventBatch, type ActivityEvent } from './event.js';

describe('parseEventBatch', () => {
  it('normalizes: occurredAt to a UTC instant, nulls and unknown fields dropped, amount to cents', () => {
    const parsed = parseEventBatch({
      id: ' p1 ',
      type: 'payment.received',
      occurredAt: '2026-11-20T12:00:00+03:00',
      clientId: 'c',
      amount: 1500.5,
      employeeId: null,
      note: 'x',
    });
    expect(parsed).toEqual({
      ok: true,
      events: [{ id: 'p1', type: 'payment.received', occurredAt: '2026-11-20T09:00:00.000Z', clientId: 'c', amount: 1500.5 }],
    });
  });

  it('gives the same canonical body for the same event written differently', () => {
    const a = parseEventBatch({ id: 'e', type: 'call', occurredAt: '2026-11-20T12:00:00+03:00', employeeId: 'x', durationSec: 40 });
    const b = parseEventBatch({
      durationSec: 40,
      employeeId: 'x',
      occurredAt: '2026-11-20T09:00:00.000Z',
      type: 'call',
      id: 'e',
      clientId: null,
    });
    if (!a.ok || !b.ok) throw new Error('expected both to parse');
    expect(canonicalEventJson(a.events[0]!)).toBe(canonicalEventJson(b.events[0]!));
  });

  it('names every missing, forbidden or malformed field, per index', () => {
    const parsed = parseEventBatch([
      { id: 'a', type: 'call', occurredAt: '2026-11-20T12:00:00Z' },
      { id: 'b', type: 'payment.received', occurredAt: '2026-11-20T12:00:00Z', employeeId: 'x', clientId: 'c', amount: -1 },
      { id: '', type: 'need.identified', occurredAt: '2026-11-20T12:00:00', employeeId: 'x' },
      { id: 'd', type: 'email.general', occurredAt: '2026-11-20T12:00:00Z', employeeId: 'x', durationSec: 12 },
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { index: 0, field: 'employeeId', reason: 'is required for call', why: { code: 'required_for', params: { type: 'call' } } },
      { index: 0, field: 'durationSec', reason: 'is required for call', why: { code: 'required_for', params: { type: 'call' } } },
      { index: 1, field: 'amount', reason: 'must be greater than 0', why: { code: 'too_small', params: { min: 0, inclusive: false } } },
      {
        index: 1,
        field: 'employeeId',
        reason: 'is not used by payment.received',
        why: { code: 'not_used_by', params: { type: 'payment.received' } },
      },
      { index: 2, field: 'id', reason: 'must not be empty', why: { code: 'empty' } },
      { index: 2, field: 'occurredAt', reason: expect.stringContaining('with a time zone') as string, why: { code: 'not_a_date' } },
      {
        index: 2,
        field: 'clientId',
        reason: 'is required for need.identified',
        why: { code: 'required_for', params: { type: 'need.identified' } },
      },
      {
        index: 3,
        field: 'durationSec',
        reason: 'is not used by email.general',
        why: { code: 'not_used_by', params: { type: 'email.general' } },
      },
    ]);
  });

  it('refuses an empty batch, a non-object and more than 1000 events', () => {
    expect(parseEventBatch([])).toEqual({
      ok: false,
      errors: [{ index: 0, field: 'body', reason: 'must contain at least one event', why: { code: 'no_events' } }],
    });
    expect(parseEventBatch('call')).toEqual({
      ok: false,
      errors: [{ index: 0, field: 'body', reason: 'must be an event object', why: { code: 'wrong_type', params: { expected: 'object' } } }],
    });
    const tooMany = parseEventBatch(Array.from({ length: 1001 }, () => ({})));
    expect(!tooMany.ok && tooMany.errors[0]!.reason).toContain('at most 1000');
    expect(!tooMany.ok && tooMany.errors[0]!.why).toEqual({ code: 'too_many_items', params: { max: 1000 } });
  });
  it('tells a wrong-typed field from a missing one, and says the decimal places as data', () => {
    const parsed = parseEventBatch({ id: 'w', type: 'call', occurredAt: '2026-11-20T12:00:00Z', employeeId: 's1', durationSec: 'long' });
    expect(!parsed.ok && parsed.errors).toEqual([
      { index: 0, field: 'durationSec', reason: 'must be a number', why: { code: 'wrong_type', params: { expected: 'number' } } },
    ]);
    const cents = parseEventBatch({ id: 'c', type: 'payment.received', occurredAt: '2026-11-20T12:00:00Z', clientId: 'c', amount: 1.005 });
    expect(!cents.ok && cents.errors.map((e) => e.why)).toEqual([{ code: 'decimals' }]);
  });
  it('keeps a client name (trimmed) in the body, and refuses one over 200 characters naming clientName', () => {
    const named = parseEventBatch({
      id: 'n1',
      type: 'contract.signed',
      occurredAt: '2026-11-20T10:00:00Z',
      employeeId: 's1',
      clientId: 'romashka',
      clientName: '  ООО Ромашка ',
    });
    expect(named.ok && named.events[0]).toMatchObject({ clientId: 'romashka', clientName: 'ООО Ромашка' });
    const long = parseEventBatch({
      id: 'n2',
      type: 'payment.received',
      occurredAt: '2026-11-20T10:00:00Z',
      clientId: 'c',
      amount: 1,
      clientName: 'Я'.repeat(201),
    });
    expect(long.ok).toBe(false);
    expect(!long.ok && long.errors).toEqual([
      { index: 0, field: 'clientName', reason: 'must be at most 200 characters', why: { code: 'too_long', params: { max: 200 } } },
    ]);
  });
});

describe('ActivityEventSchema', () => {
  it('parses to the ActivityEvent type, no more and no less', () => {
    expectTypeOf<z.output<typeof ActivityEventSchema>>().toExtend<ActivityEvent>();
    expectTypeOf<ActivityEvent>().toExtend<z.output<typeof ActivityEventSchema>>();
  });

  // The wire check (EVENT_FIELDS) and the union must agree, or a valid event would be refused.
  const sample = { employeeId: 'e', clientId: 'c', durationSec: 40, amount: 10, toEmployeeId: 't' } as const;
  const base = { id: 'x', occurredAt: '2026-11-20T09:00:00.000Z' };
  for (const type of EVENT_TYPES) {
    it(`takes the fields EVENT_FIELDS gives ${type}`, () => {
      const fields = Object.entries(EVENT_FIELDS[type]) as [keyof typeof sample, 'required' | 'optional' | 'forbidden'][];
      const used = fields.filter(([, p]) => p !== 'forbidden').map(([f]) => f);
      const required = fields.filter(([, p]) => p === 'required').map(([f]) => f);
      const all = ActivityEventSchema.parse({ ...base, type, ...sample });
      expect(Object.keys(all).sort()).toEqual(['id', 'occurredAt', 'type', ...used].sort());
      const minimal = Object.fromEntries(required.map((f) => [f, sample[f]]));
      expect(ActivityEventSchema.safeParse({ ...base, type, ...minimal }).success).toBe(true);
      for (const field of required) {
        const { [field]: _dropped, ...rest } = minimal;
        expect(ActivityEventSchema.safeParse({ ...base, type, ...rest }).success).toBe(false);
      }
    });
  }
});
