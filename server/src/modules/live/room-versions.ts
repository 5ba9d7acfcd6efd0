import { createHash } from 'node:crypto';
import type { BoardState } from '../standings/standings.service.js';

/**
 * What a room's last broadcast was: its version, a fingerprint of the state it carried, that
 * state's period key and when it went out. Kept in memory by one instance, in Redis by several.
 */
export interface RoomMark {
  version: number;
  fingerprint: string;
  periodKey: string;
  /** Epoch milliseconds. */
  at: number;
}

/** What a room does with the state it just read. */
export type Advance =
  /** Send it with this version (as a snapshot when the period moved on). */
  | { kind: 'send'; version: number; rolledOver: boolean }
  /** Another instance already sent exactly this state. */
  | { kind: 'unchanged' }
  /** The board's window is not over (another instance sent within it): read again in `ms`. */
  | { kind: 'wait'; ms: number };

/**
 * The next step of a room shared by several instances. A state already sent goes out no more; a
 * new one waits for the window (at most MAX_UPDATES_PER_SECOND updates a board, whichever instance
 * sends them), then takes the next version. `floor` is the highest version this instance has sent
 * or seen for the room: after Redis lost its keys (a restart), versions go on from there instead of
 * starting again at 1.
 */
export function advance(
  last: RoomMark | null,
  state: { fingerprint: string; periodKey: string },
  now: number,
  windowMs: number,
  floor: number,
): Advance {
  if (last && last.fingerprint === state.fingerprint) return { kind: 'unchanged' };
  if (last && now < last.at + windowMs) return { kind: 'wait', ms: last.at + windowMs - now };
  return {
    kind: 'send',
    version: Math.max(last?.version ?? 0, floor) + 1,
    rolledOver: last !== null && last.periodKey !== state.periodKey,
  };
}

/** How long a room must wait before it may send again (0: now), so instances do not read a board only to be told to wait. */
export function dueIn(last: RoomMark | null, now: number, windowMs: number): number {
  return last ? Math.max(0, last.at + windowMs - now) : 0;
}

/** A short digest of what a board shows (period, date and rows), equal for equal states on every instance. */
export function fingerprint(state: BoardState): string {
  return createHash('sha1')
    .update(JSON.stringify([state.key, state.start, state.end, state.at, state.rows]))
    .digest('base64url');
}

/** A mark as stored in a Redis hash (all strings), or null when absent or damaged. */
export function parseMark(fields: Record<string, string>): RoomMark | null {
  const version = Number(fields.v);
  const at = Number(fields.at);
  if (!Number.isSafeInteger(version) || version < 0 || !Number.isFinite(at) || !fields.h || fields.k === undefined) return null;
  return { version, fingerprint: fields.h, periodKey: fields.k, at };
}

/** A mark as a Redis hash. */
export function markFields(mark: RoomMark): Record<string, string> {
  return { v: String(mark.version), h: mark.fingerprint, k: mark.periodKey, at: String(mark.at) };
}

/** The versions of live rooms: a counter per room in this process, or one shared by every instance. */
export interface RoomVersions {
  /** The version a snapshot of `room` is stamped with (the last one sent). */
  current(room: string): Promise<number>;
  /** Inside `exclusive`, before reading the board: milliseconds until the room may send again (another instance just did). */
  dueIn(room: string): Promise<number>;
  /** Runs `work` while no other instance snapshots or updates `room` (one instance: the room's own queue already does). */
  exclusive<T>(room: string, work: () => Promise<T>): Promise<T>;
  /** Inside `exclusive`: what to do with `state`, just read; `previousKey` is the period key this instance last read. */
  next(room: string, state: BoardState, previousKey: string | null): Promise<Advance>;
  /** The room is gone from this instance. */
  forget(room: string): void;
}

/**
 * One instance: every flush sends the next version (the room's queue already coalesces to the
 * window), and versions start again with the process, as they always have.
 */
export class LocalRoomVersions implements RoomVersions {
  private readonly versions = new Map<string, number>();

  current(room: string): Promise<number> {
    return Promise.resolve(this.peek(room));
  }

  /** The last version sent, without waiting. */
  peek(room: string): number {
    return this.versions.get(room) ?? 0;
  }

  /** Remembers a version sent or seen elsewhere (never goes back). */
  raise(room: string, version: number): void {
    if (version > this.peek(room)) this.versions.set(room, version);
  }

  exclusive<T>(_room: string, work: () => Promise<T>): Promise<T> {
    return work();
  }

  /** The room's own timer already keeps to the window. */
  dueIn(): Promise<number> {
    return Promise.resolve(0);
  }

  next(room: string, state: BoardState, previousKey: string | null): Promise<Advance> {
    const version = this.peek(room) + 1;
    this.versions.set(room, version);
    return Promise.resolve({ kind: 'send', version, rolledOver: previousKey !== null && previousKey !== state.key });
  }

  forget(room: string): void {
    this.versions.delete(room);
  }
}
