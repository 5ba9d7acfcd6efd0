import { z } from 'zod';
import { why } from './field-reasons.js';
import { PERIOD_KINDS, type PeriodKind } from './period.js';

/** One rung: a team whose points in the window reach `threshold` holds this grade. */
export interface GradeLevel {
  name: string;
  threshold: number;
}

/** The grade ladder: levels by rising threshold, measured over a window (default: the quarter). */
export interface GradeLadder {
  window: PeriodKind;
  levels: GradeLevel[];
}

export const GradeLadderSchema = z
  .strictObject({
    window: z.enum(PERIOD_KINDS),
    levels: z
      .array(z.strictObject({ name: z.string().trim().min(1).max(50), threshold: z.number().int().min(0).max(1_000_000_000) }))
      .min(1)
      .max(12),
  })
  .superRefine((ladder, ctx) => {
    ladder.levels.forEach((level, i) => {
      if (i > 0 && level.threshold <= ladder.levels[i - 1]!.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'threshold'],
          message: 'must be higher than the threshold of the level before',
          params: { why: why('not_ascending') },
        });
      }
      if (ladder.levels.findIndex((l) => l.name.toLowerCase() === level.name.toLowerCase()) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'name'],
          message: `"${level.name}" appears twice`,
          params: { why: why('repeated', { value: level.name }) },
        });
      }
    });
  });

/** A team's standing on the ladder, as standings rows and the board show it. */
export interface GradeStatus {
  /** The grade held, or null below the first rung. */
  grade: string | null;
  /** The next rung and how many points are missing; null at the top. */
  next: { grade: string; threshold: number; missing: number } | null;
  /** 0..1 from the current rung (or 0) to the next. */
  progress: number;
  /** The window the grade is measured over, e.g. `2026-Q4`. */
  windowKey: string;
}

/** `grade.changed`: a team reached a new grade (or fell back) in the current window. */
export interface GradeChanged {
  teamId: string;
  teamName: string;
  windowKey: string;
  from: string | null;
  to: string | null;
  /** True when the team climbed: the board celebrates. */
  up: boolean;
  points: number;
  at: string;
}
