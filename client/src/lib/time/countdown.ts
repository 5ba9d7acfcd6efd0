/** Time left until a deadline, split for display. */
export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** True once the deadline has passed. */
  over: boolean;
}

/** Splits the time from `now` to `end` (both epoch ms); never negative. Seconds are rounded up so 0:00:00 means "over". */
export function remaining(end: number, now: number): Remaining {
  const left = Math.max(0, Math.ceil((end - now) / 1000));
  return {
    days: Math.floor(left / 86_400),
    hours: Math.floor((left % 86_400) / 3600),
    minutes: Math.floor((left % 3600) / 60),
    seconds: left % 60,
    over: left === 0,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `hh:mm:ss` of what is left after whole days. */
export function clockPart(r: Remaining): string {
  return `${pad(r.hours)}:${pad(r.minutes)}:${pad(r.seconds)}`;
}
