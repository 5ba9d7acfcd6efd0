import type { Moment } from '@conveyor/shared';
import { CelebrationQueue, type Celebration } from './celebrations.js';

/** How long one celebration holds the screen. */
export const CELEBRATION_MS = 7000;

/** The wall's celebrations as reactive state: one at a time, each for CELEBRATION_MS, then the next. */
export class WallCelebrations {
  #queue = new CelebrationQueue();
  #current = $state.raw<Celebration | null>(null);
  #waiting = $state(0);
  #timer: number | undefined;

  get current(): Celebration | null {
    return this.#current;
  }

  /** How many are queued behind the current one. */
  get waiting(): number {
    return this.#waiting;
  }

  push(moment: Moment): void {
    if (this.#queue.push(moment)) this.#show();
    this.#waiting = this.#queue.waiting;
  }

  #show(): void {
    this.#current = this.#queue.current;
    this.#waiting = this.#queue.waiting;
    window.clearTimeout(this.#timer);
    if (!this.#current) return;
    this.#timer = window.setTimeout(() => {
      this.#queue.advance();
      this.#show();
    }, CELEBRATION_MS);
  }
}
