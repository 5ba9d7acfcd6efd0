import { describe, expect, it } from 'vitest';
import { boardKey, VersionTracker } from './board-versions.js';

const key = boardKey({ board: 'teams', period: 'month' });

describe('boardKey', () => {
  it('keys by board and period, and by date when pinned', () => {
    expect(key).toBe('teams:month');
    expect(boardKey({ board: 'sales', period: 'year', at: '2026-01-15' })).toBe('sales:year:2026-01-15');
  });
});

describe('VersionTracker', () => {
  it('given a snapshot, applies consecutive updates', () => {
    const v = new VersionTracker();
    v.onSnapshot(key, 7);
    expect(v.onUpdate(key, 8)).toBe('apply');
    expect(v.onUpdate(key, 9)).toBe('apply');
  });

  it('given a gap, resubscribes once and ignores updates until the next snapshot', () => {
    const v = new VersionTracker();
    v.onSnapshot(key, 7);
    expect(v.onUpdate(key, 9)).toBe('resubscribe');
    expect(v.onUpdate(key, 10)).toBe('ignore');
    expect(v.onUpdate(key, 8)).toBe('ignore');
    v.onSnapshot(key, 12);
    expect(v.onUpdate(key, 13)).toBe('apply');
  });

  it('treats a repeated or older version as a gap too', () => {
    const v = new VersionTracker();
    v.onSnapshot(key, 3);
    expect(v.onUpdate(key, 3)).toBe('resubscribe');
  });

  it('resubscribes on an update for a board it never got a snapshot of', () => {
    expect(new VersionTracker().onUpdate(key, 1)).toBe('resubscribe');
  });

  it('ignores updates after (re)subscribing until the snapshot, per board', () => {
    const v = new VersionTracker();
    const sales = boardKey({ board: 'sales', period: 'month' });
    v.onSnapshot(key, 1);
    v.onSnapshot(sales, 1);
    v.expectSnapshot(key);
    expect(v.onUpdate(key, 2)).toBe('ignore');
    expect(v.onUpdate(sales, 2)).toBe('apply');
    v.onSnapshot(key, 0);
    expect(v.onUpdate(key, 1)).toBe('apply');
  });

  it('forgets everything on reset', () => {
    const v = new VersionTracker();
    v.onSnapshot(key, 5);
    v.expectSnapshot(key);
    v.reset();
    expect(v.isAwaiting(key)).toBe(false);
    expect(v.onUpdate(key, 6)).toBe('resubscribe');
  });
});
