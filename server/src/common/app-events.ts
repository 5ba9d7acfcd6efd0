import { EventEmitter } from 'node:events';
import type { ActivityEvent, Award, GradeLadder, Moment, Role } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';

/**
 * Facts announced after their transaction committed. Listeners run synchronously and must not
 * write: the live layer pushes them out, caches drop what went stale.
 */
export interface AppEventMap {
  /** Ledger entries committed, in ledger order, with the moments they made. */
  'ledger.appended': { awards: Award[]; roles: Record<string, Role>; moments: Moment[] };
  /** Moments recorded outside the ledger (a period closed). */
  'moments.recorded': Moment[];
  /** Sessions or API tokens revoked (by id): live sockets opened with them are closed. */
  'credentials.revoked': string[];
  /** People, teams or memberships changed: every board may look different. */
  'org.changed': Record<string, never>;
  /** A connection's settings changed (a CRM status mapped): its parked deliveries may score now. */
  'integrations.changed': { integrationId: string };
}

/**
 * Facts raised inside a write transaction by the room that changed something, for the rooms that
 * must change with it in the same transaction (so a crash never leaves half of it). Handlers get
 * the transaction's EntityManager and are awaited in order.
 */
export interface TxEventMap {
  /** Anything the scoring context is read from changed: people, teams, rules, ladder, wall settings. */
  'office.changed': Record<string, never>;
  /** Team slots changed from `since` on: awards of these people from then on belong to other teams. */
  'org.membersChanged': { employeeIds: string[]; since: string };
  /** Someone left: their phones are signed out and their invites stop working. */
  'employee.deactivated': { employeeId: string; at: string };
  /** A rule version takes effect at `since`: events from then on follow it. */
  'rules.versionAdded': { version: number; since: string };
  /** The grade ladder changed: every active team is graded again. */
  'grades.ladderChanged': { ladder: GradeLadder };
  /**
   * New events were stored (never seen before, not voided) and scored. `clientHistories`: the whole
   * non-voided history of clients scoring read, by id (it includes the new events).
   */
  'events.recorded': { events: ActivityEvent[]; clientHistories: ReadonlyMap<string, readonly ActivityEvent[]> };
  /** Events were voided (already marked) and scored again; histories as above (without the voided events). */
  'events.voided': { events: ActivityEvent[]; clientHistories: ReadonlyMap<string, readonly ActivityEvent[]> };
}

type TxHandler<K extends keyof TxEventMap> = (em: EntityManager, payload: TxEventMap[K]) => Promise<void>;

/** The in-process bus between rooms: a room raises typed facts instead of importing the rooms that react. */
export class AppEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50);
  private readonly handlers = new Map<keyof TxEventMap, TxHandler<never>[]>();

  /** After a commit: tells every listener, synchronously. */
  emit<K extends keyof AppEventMap>(name: K, payload: AppEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof AppEventMap>(name: K, listener: (payload: AppEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Inside a transaction: runs every handler of `name` in it, one after another. */
  async raise<K extends keyof TxEventMap>(em: EntityManager, name: K, payload: TxEventMap[K]): Promise<void> {
    for (const handler of (this.handlers.get(name) ?? []) as TxHandler<K>[]) await handler(em, payload);
  }

  handle<K extends keyof TxEventMap>(name: K, handler: TxHandler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }
}
