import { describe, expect, it } from 'vitest';
import { clockPart, remaining } from './countdown.js';

const end = Date.parse('2026-11-30T21:00:00Z');

describe('remaining', () => {
  it('splits days, hours, minutes and seconds', () => {
    const r = remaining(end, end - (3 * 86_400 + 4 * 3600 + 5 * 60 + 6) * 1000);
    expect(r).toEqual({ days: 3, hours: 4, minutes: 5, seconds: 6, over: false });
    expect(clockPart(r)).toBe('04:05:06');
  });

  it('rounds a partial second up so the last second still shows 00:00:01', () => {
    const r = remaining(end, end - 200);
    expect(clockPart(r)).toBe('00:00:01');
    expect(r.over).toBe(false);
  });

  it('is over and zero at and after the deadline', () => {
    expect(remaining(end, end)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0, over: true });
    expect(remaining(end, end + 90_000).over).toBe(true);
  });
});
