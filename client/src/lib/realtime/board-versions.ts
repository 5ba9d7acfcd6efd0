import type { Board, PeriodKind } from '@conveyor/shared';

/** One live board subscription, as sent in `subscribe` (no `at`: follow the current period). */
export interface BoardSub {
  board: Board;
  period: PeriodKind;
  at?: string;
}

/** The key a board's snapshots are kept under. */
export function boardKey(sub: BoardSub): string {
  return sub.at ? `${sub.board}:${sub.period}:${sub.at}` : `${sub.board}:${sub.period}`;
}

/** What to do with an incoming `standings:update`. */
export type UpdateDecision = 'apply' | 'ignore' | 'resubscribe';

/**
 * Tracks the last applied version per board. An update must be exactly last + 1; otherwise the
 * board is resubscribed and its updates are ignored until the next snapshot.
 */
export class VersionTracker {
  readonly #last = new Map<string, number>();
  readonly #awaiting = new Set<string>();

  /** After (re)subscribing: updates for `key` are ignored until its snapshot arrives. */
  expectSnapshot(key: string): void {
    this.#awaiting.add(key);
  }

  /** A snapshot always applies and sets the baseline version. */
  onSnapshot(key: string, version: number): void {
    this.#awaiting.delete(key);
    this.#last.set(key, version);
  }

  onUpdate(key: string, version: number): UpdateDecision {
    if (this.#awaiting.has(key)) return 'ignore';
    const last = this.#last.get(key);
    if (last !== undefined && version === last + 1) {
      this.#last.set(key, version);
      return 'apply';
    }
    this.#awaiting.add(key);
    return 'resubscribe';
  }

  isAwaiting(key: string): boolean {
    return this.#awaiting.has(key);
  }

  /** Everything is stale (for example after a disconnect). */
  reset(): void {
    this.#last.clear();
    this.#awaiting.clear();
  }
}
