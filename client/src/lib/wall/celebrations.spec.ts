import type { Moment } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { CelebrationQueue, celebrates } from './celebrations.js';

const grade = (version: number, up = true): Moment => ({
  version,
  type: 'grade.changed',
  data: { teamId: 't', teamName: 'T', windowKey: '2026-Q4', from: null, to: 'Bronze', up, points: 1000, at: '' },
});

describe('celebrations', () => {
  it('celebrate climbing, not falling back', () => {
    expect(celebrates(grade(1))).toBe(true);
    expect(celebrates(grade(2, false))).toBe(false);
  });

  it('queue one after another, first at once', () => {
    const q = new CelebrationQueue();
    expect(q.push(grade(1))).toBe(true);
    expect(q.push(grade(2))).toBe(false);
    expect(q.current!.moment.version).toBe(1);
    expect(q.advance()!.moment.version).toBe(2);
    expect(q.advance()).toBeNull();
  });

  it('stay bounded, keeping the newest', () => {
    const q = new CelebrationQueue(3);
    for (let v = 1; v <= 100; v++) q.push(grade(v));
    expect(q.current!.moment.version).toBe(1);
    expect(q.waiting).toBe(3);
    expect(q.advance()!.moment.version).toBe(98);
  });
});
