import { describe, expect, it } from 'vitest';
import { asLines, namedNumbers } from './named-numbers.js';

describe('named numbers', () => {
  it('reads back what it writes', () => {
    const pairs: [string, number][] = [
      ['Bronze', 1000],
      ['Silver', 3000],
    ];
    expect(asLines(pairs)).toBe('Bronze: 1000\nSilver: 3000');
    expect(namedNumbers(asLines(pairs))).toEqual(pairs);
  });

  it('trims names and skips lines without a name or with more than one colon', () => {
    expect(namedNumbers('  month : 30\n\n: 5\nyear: 15: 2\nfame:15')).toEqual([
      ['month', 30],
      ['fame', 15],
    ]);
  });
});
