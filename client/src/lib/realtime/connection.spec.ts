import { describe, expect, it } from 'vitest';
import { connectionView } from './connection.js';

describe('connectionView', () => {
  it('shows live and unauthorized as they are', () => {
    expect(connectionView('live', null, 10_000)).toBe('live');
    expect(connectionView('unauthorized', 0, 10_000)).toBe('unauthorized');
  });

  it('says reconnecting for a short drop, offline after the grace period', () => {
    expect(connectionView('reconnecting', 10_000, 12_999)).toBe('reconnecting');
    expect(connectionView('reconnecting', 10_000, 13_000)).toBe('offline');
  });

  it('says offline when the first connection takes too long', () => {
    expect(connectionView('connecting', 0, 1000)).toBe('connecting');
    expect(connectionView('connecting', 0, 5000)).toBe('offline');
  });
});
