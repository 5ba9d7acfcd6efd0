import { describe, expect, it } from 'vitest';
import { neighbourhood, rankRows } from './ranking.js';

describe('rankRows', () => {
  it('uses competition ranking (1, 1, 3) and lists ties by name (Russian collation: Cyrillic, then Latin)', () => {
    const ranked = rankRows([
      { id: '4', name: 'Dmitry', points: 5 },
      { id: '1', name: 'Boris', points: 10 },
      { id: '2', name: 'Anna', points: 10 },
      { id: '3', name: 'Vera', points: 0 },
      { id: '5', name: 'Яна', points: 0 },
      { id: '6', name: 'Алла', points: 0 },
    ]);
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, 'Anna'],
      [1, 'Boris'],
      [3, 'Dmitry'],
      [4, 'Алла'],
      [4, 'Яна'],
      [4, 'Vera'],
    ]);
  });

  it('breaks a tie of equal names by id, and handles an empty board', () => {
    expect(
      rankRows([
        { id: 'b', name: 'Same', points: 1 },
        { id: 'a', name: 'Same', points: 1 },
      ]).map((r) => r.id),
    ).toEqual(['a', 'b']);
    expect(rankRows([])).toEqual([]);
  });
});

describe('neighbourhood', () => {
  const rows = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id }));
  it('shows two above and two below, clipped at the ends', () => {
    expect(neighbourhood(rows, 'd').map((r) => r.id)).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(neighbourhood(rows, 'a').map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(neighbourhood(rows, 'g').map((r) => r.id)).toEqual(['e', 'f', 'g']);
    expect(neighbourhood(rows, 'zz')).toEqual([]);
  });
});
