import { EventEmitter } from 'node:events';
import type { Award, Moment, Role } from '@conveyor/shared';

/** Typed in-process events: modules talk through these instead of importing each other. */
export interface AppEventMap {
  /** Ledger entries committed, in ledger order, with the moments they made. */
  'ledger.appended': { awards: Award[]; roles: Record<string, Role>; moments: Moment[] };
  /** Moments recorded outside the ledger (a period closed). */
  'moments.recorded': Moment[];
  /** Sessions or API tokens revoked (by id): live sockets opened with them are closed. */
  'credentials.revoked': string[];
  /** People, teams or memberships changed: every board may look different. */
  'org.changed': Record<string, never>;
}

export class AppEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50);

  emit<K extends keyof AppEventMap>(name: K, payload: AppEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof AppEventMap>(name: K, listener: (payload: AppEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
