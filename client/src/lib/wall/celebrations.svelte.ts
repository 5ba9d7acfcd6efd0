import type { Moment } from '@conveyor/shared';
import { CelebrationQueue, type Celebration } from './celebrations.js';

/** How long one celebration holds the screen. */
export const CELEBRATION_MS = 7000;

/** The wall's celebrations as reactive state: one at a time, each for CELEBRATION_MS, then the next. */
export class WallCelebrations {
  #queue = new CelebrationQueue();
  #current = $state.raw<Celebration | null>(null);
  #timer: number | undefined;

  get current(): Celebration | null {
    return this.#current;
  }

  push(moment: Moment): void {
    if (this.#queue.push(moment)) this.#show();
  }

  #show(): void {
    this.#current = this.#queue.current;
    window.clearTimeout(this.#timer);
    if (!this.#current) return;
    this.#timer = window.setTimeout(() => {
      this.#queue.advance();
      this.#show();
    }, CELEBRATION_MS);
  }
}
