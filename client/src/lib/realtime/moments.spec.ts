import type { Moment } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { MomentFeed } from './moments.js';

const grade = (version: number): Moment => ({
  version,
  type: 'grade.changed',
  data: {
    teamId: 't',
    teamName: 'T',
    windowKey: '2026-Q4',
    from: null,
    to: 'Bronze',
    up: true,
    points: 1000,
    at: '2026-11-27T10:00:00.000Z',
  },
});

describe('moment feed', () => {
  it('takes the first snapshot as the baseline without replaying it', () => {
    const feed = new MomentFeed();
    expect(feed.onSnapshot({ version: 2, recent: [grade(1), grade(2)] })).toEqual([]);
    expect(feed.recent.map((m) => m.version)).toEqual([1, 2]);
  });

  it('applies the next version, ignores repeats, and asks to resubscribe on a gap', () => {
    const feed = new MomentFeed();
    feed.onSnapshot({ version: 2, recent: [grade(2)] });
    expect(feed.onMoment(grade(2))).toBe('ignore');
    expect(feed.onMoment(grade(3))).toBe('apply');
    expect(feed.onMoment(grade(5))).toBe('resubscribe');
    // The resubscribe's snapshot hands over what was missed.
    expect(feed.onSnapshot({ version: 5, recent: [grade(3), grade(4), grade(5)] }).map((m) => m.version)).toEqual([4, 5]);
    expect(feed.onMoment(grade(6))).toBe('apply');
  });

  it('ignores moments before the first snapshot: the snapshot carries them', () => {
    const feed = new MomentFeed();
    expect(feed.onMoment(grade(7))).toBe('ignore');
  });

  it('keeps a bounded list', () => {
    const feed = new MomentFeed();
    feed.onSnapshot({ version: 0, recent: [] });
    for (let v = 1; v <= 100; v++) feed.onMoment(grade(v));
    expect(feed.recent).toHaveLength(20);
    expect(feed.recent.at(-1)!.version).toBe(100);
  });
});
