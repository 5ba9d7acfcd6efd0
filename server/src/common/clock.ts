/** The current time, injected so tests and simulations can move it. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock that stands still until moved (tests and simulations: `CONVEYOR_CLOCK`). It never moves
 * backwards, so nothing scored or closed can end up in the future.
 */
export class ManualClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward to `to`; an earlier instant is refused. */
  set(to: Date): void {
    if (to.getTime() < this.current.getTime()) throw new RangeError(`the clock is at ${this.current.toISOString()} and only moves forward`);
    this.current = new Date(to);
  }
}
