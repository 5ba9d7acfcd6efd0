import type { ActivityEvent } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { successfulCalls, successfulCallsByEmployee, workingHours } from './calls.js';

const call = (id: string, employeeId: string, durationSec: number, occurredAt = '2026-11-25T08:00:00.000Z'): ActivityEvent => ({
  id,
  type: 'call',
  occurredAt,
  employeeId,
  durationSec,
});

describe('successful calls', () => {
  const events: ActivityEvent[] = [
    call('a1', 'anna', 45),
    call('a2', 'anna', 30), // exactly the threshold counts
    call('a3', 'anna', 29), // too short
    call('a4', 'anna', 60, '2026-11-24T20:59:59.000Z'), // yesterday in Moscow
    call('b1', 'boris', 120),
    { id: 'm1', type: 'meeting.scheduled', occurredAt: '2026-11-25T08:00:00.000Z', employeeId: 'anna', clientId: 'c' },
  ];
  const day = { from: '2026-11-24T21:00:00.000Z', to: '2026-11-25T21:00:00.000Z' };

  it('counts calls at least as long as the threshold, within the day, per person', () => {
    expect(successfulCallsByEmployee(events, 30, day.from, day.to)).toEqual(
      new Map([
        ['anna', 2],
        ['boris', 1],
      ]),
    );
  });

  it("counts one person's, and nobody else's", () => {
    expect(successfulCalls(events, 'anna', 30, day.from, day.to)).toBe(2);
    expect(successfulCalls(events, 'vera', 30, day.from, day.to)).toBe(0);
    expect(successfulCalls(events, 'anna', 0, day.from, day.to)).toBe(3);
  });
});

describe('the working day', () => {
  it('is 09:00 to 18:00 office time', () => {
    const { start, end } = workingHours('2026-11-25', 'Europe/Moscow');
    expect(start.toISOString()).toBe('2026-11-25T06:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-25T15:00:00.000Z');
  });

  it('follows summer time where the office has it', () => {
    expect(workingHours('2026-07-01', 'Europe/Berlin').start.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(workingHours('2026-12-01', 'Europe/Berlin').start.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });
});
