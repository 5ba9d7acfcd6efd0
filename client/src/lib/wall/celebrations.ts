import type { Moment } from '@conveyor/shared';

/** What takes over the screen for a few seconds. */
export interface Celebration {
  id: number;
  moment: Moment;
  /** Moments dropped from a flood just before this one, never shown: the card says «и ещё N». */
  skipped: number;
}

/**
 * Moments worth a celebration: a new client, a renewal, a team climbing a grade, a target reached,
 * a period's winners, a big payment.
 */
export function celebrates(moment: Moment): boolean {
  switch (moment.type) {
    case 'grade.changed':
      return moment.data.up;
    case 'period.closed':
      return moment.data.winners.length > 0 || moment.data.grades.some((g) => g.grade !== null);
    case 'target.reached':
    case 'payment.big':
    case 'client.new':
    case 'client.renewal':
      return true;
    default:
      return false; // a kind this screen does not know yet: nothing to draw
  }
}

/** The payment a moment is about, when it is one: a new client or a renewal and a big payment may be the same payment. */
function paymentOf(moment: Moment): { eventId: string; client: boolean } | null {
  switch (moment.type) {
    case 'client.new':
    case 'client.renewal':
      return { eventId: moment.data.eventId, client: true };
    case 'payment.big':
      return { eventId: moment.data.eventId, client: false };
    default:
      return null;
  }
}

/**
 * Celebrations one after another, never two at once. Bounded: a flood beyond `max` waiting drops
 * the oldest waiting ones and the next card counts them («и ещё N»), so a screen that runs for weeks
 * never piles them up and a late screen does not replay an hour of them. A payment that is a new
 * client or a renewal is celebrated once, as that, not again as a big payment.
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
    const payment = paymentOf(moment);
    if (payment) {
      const all = this.#current ? [this.#current, ...this.#waiting] : this.#waiting;
      const same = all.find((c) => paymentOf(c.moment)?.eventId === payment.eventId);
      if (same && (paymentOf(same.moment)?.client || !payment.client)) return false;
      // A new client or renewal arriving after its big payment takes the waiting card's place.
      if (same && same !== this.#current) {
        same.moment = moment;
        return false;
      }
    }
    const item: Celebration = { id: this.#next++, moment, skipped: 0 };
    if (!this.#current) {
      this.#current = item;
      return true;
    }
    this.#waiting.push(item);
    while (this.#waiting.length > this.max) {
      const dropped = this.#waiting.shift()!;
      this.#waiting[0]!.skipped += dropped.skipped + 1;
    }
    return false;
  }

  /** The current one is done; the next (if any) takes over. */
  advance(): Celebration | null {
    this.#current = this.#waiting.shift() ?? null;
    return this.#current;
  }
}
