import { describe, expect, it } from 'vitest';
import { readAmount, readDuration, readInstant } from './values.js';

const MOSCOW = 'Europe/Moscow';
const BERLIN = 'Europe/Berlin';
const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T | string => (r.ok ? r.value : `! ${r.reason}`);

describe('readInstant', () => {
  it('keeps an ISO-8601 instant with a zone as it says', () => {
    expect(value(readInstant('2026-11-03T14:05:00+03:00', MOSCOW))).toBe('2026-11-03T11:05:00.000Z');
    expect(value(readInstant('2026-11-03T11:05:00Z', BERLIN))).toBe('2026-11-03T11:05:00.000Z');
    expect(value(readInstant('2026-11-03 14:05:07.25+0300', MOSCOW))).toBe('2026-11-03T11:05:07.250Z');
    expect(value(readInstant('2026-11-03T09:05-05:00', MOSCOW))).toBe('2026-11-03T14:05:00.000Z');
  });

  it("reads a date and time without a zone as the office's wall clock", () => {
    expect(value(readInstant('2026-11-03 14:05', MOSCOW))).toBe('2026-11-03T11:05:00.000Z');
    expect(value(readInstant('03.11.2026 14:05', MOSCOW))).toBe('2026-11-03T11:05:00.000Z');
    expect(value(readInstant('3.11.2026 9:05:30', MOSCOW))).toBe('2026-11-03T06:05:30.000Z');
    expect(value(readInstant(' 03/11/2026 14:05 ', MOSCOW))).toBe('2026-11-03T11:05:00.000Z');
    // Summer and winter time where the zone has them.
    expect(value(readInstant('01.07.2026 12:00', BERLIN))).toBe('2026-07-01T10:00:00.000Z');
    expect(value(readInstant('01.12.2026 12:00', BERLIN))).toBe('2026-12-01T11:00:00.000Z');
  });

  it('refuses dates that do not exist, dates without a time, and anything else, saying what it reads', () => {
    expect(value(readInstant('30.02.2026 10:00', MOSCOW))).toMatch(/day 30, which 2026-02 does not have/);
    expect(value(readInstant('2026-13-01 10:00', MOSCOW))).toMatch(/month 13/);
    expect(value(readInstant('2026-11-03 24:00', MOSCOW))).toMatch(/time of day that does not exist/);
    expect(value(readInstant('03.11.2026', MOSCOW))).toMatch(/has no time of day/);
    expect(value(readInstant('2026-11-03', MOSCOW))).toMatch(/has no time of day/);
    expect(value(readInstant('yesterday', MOSCOW))).toMatch(/is not a date and time .*03\.11\.2026 14:05/);
    expect(value(readInstant('11/03/2026 2:05 PM', MOSCOW))).toMatch(/is not a date and time/);
    expect(value(readInstant('2026-11-03T14:05+25:00', MOSCOW))).toMatch(/offset that does not exist/);
  });
});

describe('readAmount', () => {
  it('reads amounts as offices write them', () => {
    expect(value(readAmount('350 000,50'))).toBe(350000.5);
    expect(value(readAmount('350\u00a0000,50 ₽'))).toBe(350000.5);
    expect(value(readAmount('350000.50'))).toBe(350000.5);
    expect(value(readAmount('1,234,567.89'))).toBe(1234567.89);
    expect(value(readAmount('1.234.567,89'))).toBe(1234567.89);
    expect(value(readAmount('15000'))).toBe(15000);
    expect(value(readAmount('-5'))).toBe(-5);
  });

  it('takes a lone separator as the decimal one, and refuses what is no number', () => {
    expect(value(readAmount('1,234'))).toBe(1.234); // the catalogue then refuses the third decimal
    expect(value(readAmount('12 abc'))).toMatch(/must be a number/);
    expect(value(readAmount('1,2,3'))).toMatch(/must be a number/);
  });
});

describe('readDuration', () => {
  it('reads seconds and clock readings', () => {
    expect(value(readDuration('95'))).toBe(95);
    expect(value(readDuration('1 200'))).toBe(1200);
    expect(value(readDuration('1:35'))).toBe(95);
    expect(value(readDuration('1:01:35'))).toBe(3695);
    expect(value(readDuration('1:75'))).toMatch(/not a length of time/);
    expect(value(readDuration('1.5'))).toMatch(/whole seconds/);
  });
});

describe('readInstant across clock changes', () => {
  it('converts every minute of an hour a clock change cuts into on its own', () => {
    // Berlin, 2026-03-29: 02:00 jumps to 03:00; 2026-10-25: 03:00 goes back to 02:00.
    expect(readInstant('29.03.2026 01:59', BERLIN)).toEqual({ ok: true, value: '2026-03-29T00:59:00.000Z' });
    expect(readInstant('29.03.2026 03:00', BERLIN)).toEqual({ ok: true, value: '2026-03-29T01:00:00.000Z' });
    expect(readInstant('25.10.2026 02:30', BERLIN)).toEqual({ ok: true, value: '2026-10-25T00:30:00.000Z' });
    expect(readInstant('25.10.2026 03:30', BERLIN)).toEqual({ ok: true, value: '2026-10-25T02:30:00.000Z' });
    // Lord Howe moves by half an hour: 02:00 jumps to 02:30 on 2026-10-04.
    expect(readInstant('04.10.2026 02:45', 'Australia/Lord_Howe')).toEqual({ ok: true, value: '2026-10-03T15:45:00.000Z' });
    expect(readInstant('04.10.2026 01:45', 'Australia/Lord_Howe')).toEqual({ ok: true, value: '2026-10-03T15:15:00.000Z' });
  });
});
