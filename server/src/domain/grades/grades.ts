import type { GradeLadder, GradeStatus, Locale } from '@conveyor/shared';

/**
 * Defaults for a triad's points in a quarter. A busy telemarketer alone makes ~60-70 points a
 * working day; money dominates for sales and account managers. Managers tune these.
 */
export const DEFAULT_LADDER: GradeLadder = {
  window: 'quarter',
  levels: [
    { name: 'Bronze', threshold: 1_000 },
    { name: 'Silver', threshold: 3_000 },
    { name: 'Gold', threshold: 6_000 },
    { name: 'Platinum', threshold: 10_000 },
  ],
};

const DEFAULT_NAMES: Record<Locale, string[]> = {
  en: ['Bronze', 'Silver', 'Gold', 'Platinum'],
  ru: ['Бронза', 'Серебро', 'Золото', 'Платина'],
};

/** The ladder an office starts with, its grade names in the office's language. */
export function defaultLadder(locale: Locale): GradeLadder {
  return { ...DEFAULT_LADDER, levels: DEFAULT_LADDER.levels.map((level, i) => ({ ...level, name: DEFAULT_NAMES[locale][i]! })) };
}

/** Where points put a team on the ladder. */
export function gradeStatus(points: number, ladder: GradeLadder, windowKey: string): GradeStatus {
  let held = -1;
  ladder.levels.forEach((level, i) => {
    if (points >= level.threshold) held = i;
  });
  const current = held >= 0 ? ladder.levels[held]! : null;
  const next = ladder.levels[held + 1];
  const floor = current?.threshold ?? 0;
  return {
    grade: current?.name ?? null,
    next: next ? { grade: next.name, threshold: next.threshold, missing: next.threshold - points } : null,
    progress: next ? Math.min(1, Math.max(0, (points - floor) / (next.threshold - floor))) : 1,
    windowKey,
  };
}

/** The rank of a grade on the ladder (-1 below the first rung or unknown), to tell up from down. */
export function gradeRank(grade: string | null, ladder: GradeLadder): number {
  return grade === null ? -1 : ladder.levels.findIndex((l) => l.name === grade);
}
