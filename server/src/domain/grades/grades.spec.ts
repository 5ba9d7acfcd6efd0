import { GradeLadderSchema } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LADDER, defaultLadder, gradeRank, gradeStatus } from './grades.js';

describe('grades', () => {
  it('holds the highest rung reached, with the next one and the progress to it', () => {
    expect(gradeStatus(0, DEFAULT_LADDER, '2026-Q4')).toEqual({
      grade: null,
      next: { grade: 'Bronze', threshold: 1000, missing: 1000 },
      progress: 0,
      windowKey: '2026-Q4',
    });
    expect(gradeStatus(1000, DEFAULT_LADDER, 'q')).toMatchObject({
      grade: 'Bronze',
      next: { grade: 'Silver', missing: 2000 },
      progress: 0,
    });
    expect(gradeStatus(2000, DEFAULT_LADDER, 'q')).toMatchObject({ grade: 'Bronze', progress: 0.5 });
    expect(gradeStatus(12_000, DEFAULT_LADDER, 'q')).toMatchObject({ grade: 'Platinum', next: null, progress: 1 });
    expect(gradeStatus(-50, DEFAULT_LADDER, 'q')).toMatchObject({ grade: null, progress: 0 });
  });

  it('ranks grades to tell a climb from a fall', () => {
    expect(gradeRank('Gold', DEFAULT_LADDER)).toBeGreaterThan(gradeRank('Silver', DEFAULT_LADDER));
    expect(gradeRank(null, DEFAULT_LADDER)).toBe(-1);
  });

  it('validates a ladder: rising thresholds, distinct names', () => {
    expect(GradeLadderSchema.safeParse(DEFAULT_LADDER).success).toBe(true);
    const bad = GradeLadderSchema.safeParse({
      window: 'month',
      levels: [
        { name: 'A', threshold: 10 },
        { name: 'a', threshold: 10 },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['levels.1.threshold', 'levels.1.name']);
  });
});

describe('the default ladder', () => {
  it('names the grades in the office language', () => {
    expect(defaultLadder('ru').levels.map((l) => l.name)).toEqual(['Бронза', 'Серебро', 'Золото', 'Платина']);
    expect(defaultLadder('en')).toEqual(DEFAULT_LADDER);
  });
});
