import type { Moment } from '@conveyor/shared';

/** What takes over the screen for a few seconds. */
export interface Celebration {
  id: number;
  moment: Moment;
}

/** Moments worth a celebration: a team climbing a grade, a target reached, a period's winners, a big payment. */
export function celebrates(moment: Moment): boolean {
  switch (moment.type) {
    case 'grade.changed':
      return moment.data.up;
    case 'period.closed':
      return moment.data.winners.length > 0 || moment.data.grades.some((g) => g.grade !== null);
    default:
      return true;
  }
}

/**
 * Celebrations one after another. Bounded: a burst beyond `max` keeps the newest, so a screen that
 * runs for weeks never piles them up, and a late screen does not replay an hour of them.
 */
export class CelebrationQueue {
  #waiting: Celebration[] = [];
  #current: Celebration | null = null;
  #next = 1;

  constructor(private readonly max = 6) {}

  get current(): Celebration | null {
    return this.#current;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Adds a moment; returns true when it became the current one at once. */
  push(moment: Moment): boolean {
    if (!celebrates(moment)) return false;
    const item = { id: this.#next++, moment };
    if (!this.#current) {
      this.#current = item;
      return true;
    }
    this.#waiting.push(item);
    if (this.#waiting.length > this.max) this.#waiting.splice(0, this.#waiting.length - this.max);
    return false;
  }

  /** The current one is done; the next (if any) takes over. */
  advance(): Celebration | null {
    this.#current = this.#waiting.shift() ?? null;
    return this.#current;
  }
}
