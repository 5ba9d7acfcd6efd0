import { describe, expect, it } from 'vitest';
import { pageAt, slideAt, slidePlan } from './slides.js';

const plan = [
  { slide: 'month', seconds: 30 },
  { slide: 'quarter', seconds: 10 },
  { slide: 'fame', seconds: 20 },
] as const;
const all = new Set(['month', 'quarter', 'fame'] as const);

describe('slide rotation', () => {
  it('shows each slide for its seconds, in order, round and round', () => {
    expect(slideAt(plan, all, 0)).toEqual({ slide: 'month', index: 0, endsInMs: 30_000 });
    expect(slideAt(plan, all, 29_999).slide).toBe('month');
    expect(slideAt(plan, all, 30_000)).toEqual({ slide: 'quarter', index: 1, endsInMs: 10_000 });
    expect(slideAt(plan, all, 45_000)).toEqual({ slide: 'fame', index: 2, endsInMs: 15_000 });
    expect(slideAt(plan, all, 60_000 + 31_000).slide).toBe('quarter');
  });

  it('skips slides with nothing to show, and falls back to the month', () => {
    expect(slideAt(plan, new Set(['month', 'quarter'] as const), 35_000).slide).toBe('quarter'); // a 40 s cycle without fame
    expect(slideAt(plan, new Set(), 45_000).slide).toBe('month');
  });

  it('pins one slide by name', () => {
    expect(slidePlan({ slides: [...plan] }, 'fame')).toEqual([{ slide: 'fame', seconds: 3600 }]);
    expect(slidePlan({ slides: [...plan] }, 'targets')).toEqual([{ slide: 'targets', seconds: 3600 }]);
    expect(slidePlan({ slides: [...plan] }, 'today')).toEqual([{ slide: 'today', seconds: 3600 }]);
    expect(slidePlan({ slides: [...plan] }, 'nope')).toEqual(plan);
  });
});

describe('paging a long list', () => {
  it('shows everything on one page when it fits', () => {
    expect(pageAt(9, 10, 123_456, 10_000)).toEqual({ from: 0, to: 9, page: 0, pages: 1 });
    expect(pageAt(0, 10, 0, 10_000)).toEqual({ from: 0, to: 0, page: 0, pages: 1 });
  });

  it('turns the pages in order, round and round, the last one holding the rest', () => {
    expect(pageAt(21, 10, 0, 10_000)).toEqual({ from: 0, to: 10, page: 0, pages: 3 });
    expect(pageAt(21, 10, 10_000, 10_000)).toEqual({ from: 10, to: 20, page: 1, pages: 3 });
    expect(pageAt(21, 10, 29_999, 10_000)).toEqual({ from: 20, to: 21, page: 2, pages: 3 });
    expect(pageAt(21, 10, 30_000, 10_000).page).toBe(0);
  });
});
