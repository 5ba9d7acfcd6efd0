import { RECENT_MOMENTS, type Moment, type MomentsSnapshot } from '@conveyor/shared';

/** What to do with an incoming moment (any kind: `grade.changed`, `client.new`, …). */
export type MomentDecision = 'apply' | 'ignore' | 'resubscribe';

/**
 * Follows the office-wide moment version the way boards follow theirs: a moment must be exactly
 * last + 1; a gap asks for a resubscribe, whose `moments:snapshot` brings the missed ones back.
 * The first snapshot after start only sets the baseline: a screen that just opened does not
 * replay old celebrations; after a reconnect, moments missed while offline are handed over.
 */
export class MomentFeed {
  #last: number | null = null;
  #recent: Moment[] = [];

  /** The last few moments, oldest first. */
  get recent(): readonly Moment[] {
    return this.#recent;
  }

  /** Applies a snapshot; returns the moments newer than what was seen (none on the very first). */
  onSnapshot(snapshot: MomentsSnapshot): Moment[] {
    const seen = this.#last;
    const missed = seen === null ? [] : snapshot.recent.filter((m) => m.version > seen);
    this.#last = Math.max(seen ?? 0, snapshot.version);
    this.#keep(snapshot.recent);
    return missed;
  }

  onMoment(moment: Moment): MomentDecision {
    if (this.#last === null) return 'ignore'; // the snapshot is on its way and will carry it
    if (moment.version <= this.#last) return 'ignore';
    if (moment.version !== this.#last + 1) return 'resubscribe';
    this.#last = moment.version;
    this.#keep([moment]);
    return 'apply';
  }

  #keep(moments: readonly Moment[]): void {
    const byVersion = new Map([...this.#recent, ...moments].map((m) => [m.version, m]));
    this.#recent = [...byVersion.values()].sort((a, b) => a.version - b.version).slice(-RECENT_MOMENTS);
  }
}
