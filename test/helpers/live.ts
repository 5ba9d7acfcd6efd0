import {
  LIVE_NAMESPACE,
  LiveEvent,
  type Award,
  type BigPayment,
  type ClientPayment,
  type ClientToServerEvents,
  type GradeChanged,
  type MomentsSnapshot,
  type PeriodClosed,
  type ServerToClientEvents,
  type Standings,
  type SubscribeRequest,
  type TargetReached,
  type Versioned,
} from '@conveyor/shared';
import { io, type Socket } from 'socket.io-client';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client on /live that records what it receives and lets a test await a condition. */
export class LiveClient {
  readonly socket: LiveSocket;
  readonly snapshots: Standings[] = [];
  readonly updates: Standings[] = [];
  readonly awards: Award[] = [];
  readonly grades: Versioned<GradeChanged>[] = [];
  readonly targets: Versioned<TargetReached>[] = [];
  readonly closings: Versioned<PeriodClosed>[] = [];
  /** `client.new`, `client.renewal` and `payment.big`, in arrival order, each with its event name. */
  readonly payments: ({ kind: 'client.new' | 'client.renewal' | 'payment.big' } & Versioned<ClientPayment | BigPayment>)[] = [];
  readonly momentSnapshots: MomentsSnapshot[] = [];
  private waiters: (() => void)[] = [];

  constructor(url: string, token: string | undefined, extraHeaders?: Record<string, string>) {
    this.socket = io(`${url}${LIVE_NAMESPACE}`, {
      auth: token ? { token } : {},
      transports: ['websocket'],
      extraHeaders,
      reconnection: false,
      forceNew: true,
    });
    this.socket.on(LiveEvent.snapshot, (s) => this.record(() => this.snapshots.push(s)));
    this.socket.on(LiveEvent.update, (s) => this.record(() => this.updates.push(s)));
    this.socket.on(LiveEvent.awards, (batch) => this.record(() => this.awards.push(...batch)));
    this.socket.on(LiveEvent.gradeChanged, (change) => this.record(() => this.grades.push(change)));
    this.socket.on(LiveEvent.targetReached, (reached) => this.record(() => this.targets.push(reached)));
    this.socket.on(LiveEvent.periodClosed, (closed) => this.record(() => this.closings.push(closed)));
    this.socket.on(LiveEvent.clientNew, (p) => this.record(() => this.payments.push({ kind: 'client.new', ...p })));
    this.socket.on(LiveEvent.clientRenewal, (p) => this.record(() => this.payments.push({ kind: 'client.renewal', ...p })));
    this.socket.on(LiveEvent.paymentBig, (p) => this.record(() => this.payments.push({ kind: 'payment.big', ...p })));
    this.socket.on(LiveEvent.momentsSnapshot, (snapshot) => this.record(() => this.momentSnapshots.push(snapshot)));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  subscribe(request: SubscribeRequest): void {
    this.socket.emit(LiveEvent.subscribe, request);
  }

  /** Versions of every moment received live, in arrival order. */
  momentVersions(): number[] {
    return [...this.grades, ...this.targets, ...this.closings, ...this.payments].map((m) => m.version).sort((a, b) => a - b);
  }

  /** The latest state of a board (snapshot or update). */
  latest(board: string): Standings | undefined {
    return [...this.snapshots, ...this.updates]
      .filter((s) => s.board === board)
      .sort((a, b) => a.version - b.version)
      .at(-1);
  }

  /** Resolves when `check` holds, re-checking on every message. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = (): void => {
        if (check()) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve();
        }
      };
      this.waiters.push(waiter);
    });
  }

  close(): void {
    this.socket.close();
  }

  private record(apply: () => void): void {
    apply();
    for (const w of [...this.waiters]) w();
  }
}
