import { describe, expect, it } from 'vitest';
import { officeDate, setOfficeZone } from './office.js';

describe('office dates', () => {
  it('are the office calendar, not UTC', () => {
    const lateEvening = Date.parse('2026-11-30T22:30:00Z'); // 01:30 on 1 December in Moscow
    setOfficeZone('Europe/Moscow');
    expect(officeDate(0, lateEvening)).toBe('2026-12-01');
    expect(officeDate(1, lateEvening)).toBe('2026-12-02');
    setOfficeZone('America/New_York');
    expect(officeDate(0, lateEvening)).toBe('2026-11-30');
  });
});
