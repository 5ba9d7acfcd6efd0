import { createSubscriber } from 'svelte/reactivity';

/**
 * The current time as a reactive value that ticks while something on screen reads it.
 * The interval starts with the first reader and stops with the last one.
 */
export class Now {
  readonly #subscribe: () => void;

  constructor(intervalMs = 1000) {
    this.#subscribe = createSubscriber((update) => {
      const id = window.setInterval(update, intervalMs);
      return () => window.clearInterval(id);
    });
  }

  /** Epoch milliseconds. */
  get current(): number {
    this.#subscribe();
    return Date.now();
  }
}

/** The app's one clock, ticking every second. */
export const now = new Now(1000);
