import { describe, expect, it } from 'vitest';
import { wallView } from './wall-view.js';

describe('wallView', () => {
  it('defaults to the current month', () => {
    expect(wallView('')).toEqual({ period: 'month' });
    expect(wallView('?period=week&at=yesterday')).toEqual({ period: 'month' });
  });

  it('takes a period kind and a fixed date', () => {
    expect(wallView('?period=quarter')).toEqual({ period: 'quarter' });
    expect(wallView('?period=year&at=2026-10-01')).toEqual({ period: 'year', at: '2026-10-01' });
  });
});
