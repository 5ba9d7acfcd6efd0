import { WALL_SLIDES, type WallSettings, type WallSlide } from '@conveyor/shared';

export interface SlidePlan {
  slide: WallSlide;
  seconds: number;
}

/**
 * Which slide is on at `elapsedMs` into the rotation, and when it ends. Slides with nothing to show
 * are left out (`available`); with none left, the month standings stay on.
 */
export function slideAt(
  plan: readonly SlidePlan[],
  available: ReadonlySet<WallSlide>,
  elapsedMs: number,
): { slide: WallSlide; index: number; endsInMs: number } {
  const shown = plan.filter((p) => available.has(p.slide));
  if (shown.length === 0) return { slide: 'month', index: 0, endsInMs: 60_000 };
  const cycle = shown.reduce((sum, p) => sum + p.seconds * 1000, 0);
  let at = ((elapsedMs % cycle) + cycle) % cycle;
  for (const [index, p] of shown.entries()) {
    if (at < p.seconds * 1000) return { slide: p.slide, index, endsInMs: p.seconds * 1000 - at };
    at -= p.seconds * 1000;
  }
  return { slide: shown[0]!.slide, index: 0, endsInMs: shown[0]!.seconds * 1000 };
}

/** The rotation from the settings, or one slide pinned by `?slide=` (screenshots, a dedicated screen). */
export function slidePlan(settings: Pick<WallSettings, 'slides'>, pinned: string | null): SlidePlan[] {
  const match = settings.slides.find((s) => s.slide === pinned);
  if (pinned && (match || (WALL_SLIDES as readonly string[]).includes(pinned))) return [{ slide: pinned as WallSlide, seconds: 3600 }];
  return settings.slides;
}

/** One page of a list too long for the screen: items `[from, to)`, page `page` of `pages`. */
export interface Page {
  from: number;
  to: number;
  page: number;
  pages: number;
}

/**
 * The page of `total` items, `perPage` at a time, that is on `elapsedMs` into a slide when each page
 * stays `pageMs`: a long list is paged through (the screen says which part it shows), never cut.
 */
export function pageAt(total: number, perPage: number, elapsedMs: number, pageMs: number): Page {
  const size = Math.max(1, perPage);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = pages === 1 ? 0 : Math.floor(Math.max(0, elapsedMs) / pageMs) % pages;
  return { from: page * size, to: Math.min(total, (page + 1) * size), page, pages };
}
