import type { Award, Role } from '@conveyor/shared';
import type { Namespace } from 'socket.io';
import { LocalRoomVersions, type RoomVersions } from './room-versions.js';

/** What an award must say for an instance to know which of its boards it moves. */
export type AwardTouch = Pick<Award, 'employeeId' | 'teamId' | 'occurredAt'>;

/**
 * What one instance tells the others after a commit that moves boards, so each refreshes the rooms
 * its own sockets watch. Award batches and moments are not in it: the instance that took the event
 * in broadcasts those once, through the adapter, to the sockets of every instance.
 */
export type LiveFact =
  /** Ledger entries committed (`roles`: the role of each employee in `awards`). */
  | { kind: 'ledger'; awards: AwardTouch[]; roles: Record<string, Role> }
  /** People, teams, memberships, photos or grades changed: every board may look different. */
  | { kind: 'org' };

/** What `/live` broadcasts need from the instances around them. */
export interface LiveBus {
  /** Room versions: per process, or shared through Redis so every instance sends the same sequence. */
  readonly versions: RoomVersions;
  /** Whether broadcasts reach every instance's sockets now; false: this instance's only (no Redis, or Redis away). */
  shared(): boolean;
  /** Gives the namespace its adapter (the Redis one reaches the sockets of every instance). */
  attach(ns: Namespace): void;
  /** Tells the other instances (nothing to do alone; dropped while Redis is away). */
  announce(fact: LiveFact): void;
  /** `listener` hears the other instances' facts; `rejoined` runs when Redis is back after a loss (what was missed is unknown). */
  listen(listener: (fact: LiveFact) => void, rejoined: () => void): void;
  close(): Promise<void>;
}

/** The Nest token of the bus (an interface has no runtime value). */
export const LIVE_BUS = Symbol('LiveBus');

/** One instance: the in-memory adapter, versions per process, nobody to tell. */
export class LocalLiveBus implements LiveBus {
  readonly versions = new LocalRoomVersions();

  shared(): boolean {
    return false;
  }

  attach(): void {}

  announce(): void {}

  listen(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Whether a message from another instance is a fact this version understands (it came over the network). */
export function isLiveFact(value: unknown): value is LiveFact {
  if (typeof value !== 'object' || value === null) return false;
  const fact = value as Record<string, unknown>;
  if (fact.kind === 'org') return true;
  if (fact.kind !== 'ledger' || !Array.isArray(fact.awards) || typeof fact.roles !== 'object' || fact.roles === null) return false;
  return fact.awards.every(
    (a: unknown) =>
      typeof a === 'object' &&
      a !== null &&
      typeof (a as AwardTouch).occurredAt === 'string' &&
      ((a as AwardTouch).employeeId === null || typeof (a as AwardTouch).employeeId === 'string') &&
      ((a as AwardTouch).teamId === null || typeof (a as AwardTouch).teamId === 'string'),
  );
}

/** The part of a ledger commit the other instances need: who scored when, and their roles. */
export function ledgerFact(awards: readonly Award[], roles: Record<string, Role>): LiveFact {
  const touches = awards.map(({ employeeId, teamId, occurredAt }) => ({ employeeId, teamId, occurredAt }));
  const ids = new Set(touches.map((a) => a.employeeId).filter((id): id is string => id !== null));
  return { kind: 'ledger', awards: touches, roles: Object.fromEntries(Object.entries(roles).filter(([id]) => ids.has(id))) };
}
