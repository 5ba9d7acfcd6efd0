import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  LiveEvent,
  MAX_UPDATES_PER_SECOND,
  RECENT_MOMENTS,
  type Award,
  type Board,
  type Moment,
  type PeriodKind,
  type Role,
  type ServerToClientEvents,
  type Standings,
} from '@conveyor/shared';
import type { Namespace, Socket } from 'socket.io';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { MomentsService } from '../moments/moments.service.js';
import { StandingsService, type BoardState } from '../standings/standings.service.js';
import { LIVE_BUS, ledgerFact, type AwardTouch, type LiveBus, type LiveFact } from './live-bus.js';

const WINDOW_MS = 1000 / MAX_UPDATES_PER_SECOND;
/**
 * Award batches have their own, shorter window: the contract caps standings updates at 4 a second
 * per board, not the ticker, and a 250 ms wait was most of an award's latency (docs/benchmarks.md).
 */
const AWARDS_WINDOW_MS = 100;
const AWARDS_ROOM = 'awards';
/** The ticker only needs the latest; a burst beyond this within one window keeps the newest. */
const MAX_PENDING_AWARDS = 200;
/** How often "current period" rooms check whether the calendar moved on. */
const ROLLOVER_CHECK_MS = 30_000;

interface Room {
  key: string;
  board: Board;
  period: PeriodKind;
  /** A fixed date, or null to follow the current period. */
  at: string | null;
  /** Last resolved state, for period bounds and rollover detection. */
  last: BoardState | null;
  lastFlushAt: number;
  /** Subscriptions whose snapshot is not sent yet. */
  pending: number;
  /** Sockets waiting for a snapshot: one read serves all that asked while the room was busy. */
  waiting: Socket[];
  timer: NodeJS.Timeout | null;
  /** Snapshots and updates of a room run one after another, so versions and data agree. */
  chain: Promise<void>;
}

type LiveNamespace = Namespace<Record<string, never>, ServerToClientEvents>;

/**
 * Decides what live clients get: snapshots on subscribe, then versioned updates coalesced to at most
 * MAX_UPDATES_PER_SECOND per board (the first at once, a burst held to the window), and award
 * batches for the ticker on the same window. Cost per window is one read and one broadcast per
 * board, whatever the event rate.
 *
 * With several instances (LiveBus) the instance that took an event in broadcasts its awards and
 * moments to every instance's sockets; every instance refreshes the rooms its own sockets watch, and
 * the shared room versions let only one of them send a given change, with the next version.
 */
@Injectable()
export class LiveHub implements OnModuleDestroy {
  private readonly log = new Logger(LiveHub.name);
  private ns: LiveNamespace | null = null;
  private readonly rooms = new Map<string, Room>();
  private pendingAwards: Award[] = [];
  private awardsTimer: NodeJS.Timeout | null = null;
  private lastAwardsAt = 0;
  private readonly rolloverTimer: NodeJS.Timeout;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly standings: StandingsService,
    private readonly clock: Clock,
    private readonly moments: MomentsService,
    events: AppEvents,
    @Inject(LIVE_BUS) private readonly bus: LiveBus,
  ) {
    this.unsubscribe.push(
      events.on('ledger.appended', ({ awards, roles, moments }) => {
        this.onAwards(awards, roles);
        this.emitMoments(moments);
        this.bus.announce(ledgerFact(awards, roles));
      }),
      events.on('moments.recorded', (moments) => this.emitMoments(moments)),
      events.on('org.changed', () => {
        this.markAllDirty();
        this.bus.announce({ kind: 'org' });
      }),
    );
    this.bus.listen(
      (fact) => this.onFact(fact),
      () => this.markAllDirty(),
    );
    this.rolloverTimer = setInterval(() => this.checkRollover(), ROLLOVER_CHECK_MS);
    this.rolloverTimer.unref();
  }

  attach(ns: LiveNamespace): void {
    this.ns = ns;
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe.forEach((off) => off());
    clearInterval(this.rolloverTimer);
    if (this.awardsTimer) clearTimeout(this.awardsTimer);
    this.rooms.forEach((room) => room.timer && clearTimeout(room.timer));
    await this.bus.close();
  }

  /** The current version of a board, for REST answers. */
  versionOf(board: Board, period: PeriodKind, at: string | null): Promise<number> {
    return this.bus.versions.current(roomKey(board, period, at));
  }

  /**
   * Joins the socket to the award and moment feed and sends the moments snapshot, then a snapshot
   * of each board before joining it to the board's updates.
   */
  subscribe(socket: Socket, boards: { board: Board; period: PeriodKind; at?: string }[]): void {
    void socket.join(AWARDS_ROOM);
    this.moments
      .snapshot(RECENT_MOMENTS)
      .then((snapshot) => socket.connected && socket.emit(LiveEvent.momentsSnapshot, snapshot))
      .catch((error: unknown) => this.log.error(`moments snapshot: ${String(error)}`));
    for (const { board, period, at } of boards) {
      const room = this.room(board, period, at ?? null);
      room.pending += 1;
      room.waiting.push(socket);
      if (room.waiting.length === 1) this.enqueue(room, () => this.sendSnapshots(room));
    }
  }

  /** One read for every socket waiting on the room; the version and the data agree as no update of the room runs meanwhile. */
  private async sendSnapshots(room: Room): Promise<void> {
    const sockets = room.waiting.splice(0);
    try {
      await this.bus.versions.exclusive(room.key, async () => {
        const state = await this.standings.board(room.board, room.period, room.at ?? undefined);
        const version = await this.bus.versions.current(room.key);
        room.last = state;
        for (const socket of sockets) {
          if (!socket.connected) continue;
          socket.emit(LiveEvent.snapshot, stamp(state, version));
          await socket.join(room.key);
        }
      });
    } finally {
      room.pending -= sockets.length;
    }
  }

  unsubscribeFrom(socket: Socket, boards: { board: Board; period: PeriodKind; at?: string }[]): void {
    for (const { board, period, at } of boards) void socket.leave(roomKey(board, period, at ?? null));
  }

  private room(board: Board, period: PeriodKind, at: string | null): Room {
    const key = roomKey(board, period, at);
    let room = this.rooms.get(key);
    if (!room) {
      room = { key, board, period, at, last: null, lastFlushAt: 0, pending: 0, waiting: [], timer: null, chain: Promise.resolve() };
      this.rooms.set(key, room);
    }
    return room;
  }

  private enqueue(room: Room, work: () => Promise<void>): void {
    room.chain = room.chain.then(work).catch((error: unknown) => this.log.error(`live room ${room.key}: ${String(error)}`));
  }

  private onAwards(awards: Award[], roles: Record<string, Role>): void {
    this.markAffected(awards, roles);
    this.pendingAwards.push(...awards);
    if (this.pendingAwards.length > MAX_PENDING_AWARDS) this.pendingAwards = this.pendingAwards.slice(-MAX_PENDING_AWARDS);
    if (!this.awardsTimer) {
      const delay = Math.max(0, this.lastAwardsAt + AWARDS_WINDOW_MS - Date.now());
      this.awardsTimer = setTimeout(() => this.flushAwards(), delay);
    }
  }

  private markAffected(awards: readonly AwardTouch[], roles: Record<string, Role>): void {
    for (const room of this.rooms.values()) {
      if (awards.some((a) => affects(room, a, roles))) this.markDirty(room);
    }
  }

  private markAllDirty(): void {
    this.rooms.forEach((room) => this.markDirty(room));
  }

  /** Another instance committed something: the rooms this instance's sockets watch may have moved. */
  private onFact(fact: LiveFact): void {
    if (fact.kind === 'ledger') this.markAffected(fact.awards, fact.roles);
    else this.markAllDirty();
  }

  /** Where broadcasts go: every instance's sockets, or this instance's only while the bus is down. */
  private out(): LiveNamespace | LiveNamespace['local'] | null {
    if (!this.ns) return null;
    return this.bus.shared() ? this.ns : this.ns.local;
  }

  /** Moments go out at once, each with its version: they are rare and each one is news. */
  private emitMoments(moments: readonly Moment[]): void {
    const to = this.out()?.to(AWARDS_ROOM);
    if (!to) return;
    for (const m of moments) {
      if (m.type === 'grade.changed') to.emit(LiveEvent.gradeChanged, { ...m.data, version: m.version });
      else if (m.type === 'target.reached') to.emit(LiveEvent.targetReached, { ...m.data, version: m.version });
      else if (m.type === 'period.closed') to.emit(LiveEvent.periodClosed, { ...m.data, version: m.version });
      else if (m.type === 'client.new') to.emit(LiveEvent.clientNew, { ...m.data, version: m.version });
      else if (m.type === 'client.renewal') to.emit(LiveEvent.clientRenewal, { ...m.data, version: m.version });
      else to.emit(LiveEvent.paymentBig, { ...m.data, version: m.version });
    }
  }

  private flushAwards(): void {
    this.awardsTimer = null;
    this.lastAwardsAt = Date.now();
    const batch = this.pendingAwards;
    this.pendingAwards = [];
    if (batch.length > 0) this.out()?.to(AWARDS_ROOM).emit(LiveEvent.awards, batch);
  }

  private markDirty(room: Room, delay = Math.max(0, room.lastFlushAt + WINDOW_MS - Date.now())): void {
    if (room.timer) return;
    room.timer = setTimeout(() => {
      room.timer = null;
      room.lastFlushAt = Date.now();
      this.enqueue(room, () => this.flush(room));
    }, delay);
  }

  private async flush(room: Room): Promise<void> {
    await this.bus.versions.exclusive(room.key, async () => {
      const due = await this.bus.versions.dueIn(room.key);
      if (due > 0) return this.markDirty(room, due);
      const state = await this.standings.board(room.board, room.period, room.at ?? undefined);
      const step = await this.bus.versions.next(room.key, state, room.last?.key ?? null);
      room.last = state;
      if (step.kind === 'wait') this.markDirty(room, step.ms);
      if (step.kind !== 'send') return;
      this.out()
        ?.to(room.key)
        .emit(step.rolledOver ? LiveEvent.snapshot : LiveEvent.update, stamp(state, step.version));
    });
  }

  /** A room that follows the current period gets a fresh snapshot when the period changes; empty rooms go. */
  private checkRollover(): void {
    const today = this.standings.today();
    for (const room of [...this.rooms.values()]) {
      if (!room.timer && room.pending === 0 && !this.hasListeners(room)) {
        this.rooms.delete(room.key);
        this.bus.versions.forget(room.key);
        continue;
      }
      if (room.at !== null || !room.last) continue;
      if (this.standings.period(room.period, today).key !== room.last.key) this.markDirty(room);
    }
  }

  private hasListeners(room: Room): boolean {
    return (this.ns?.adapter.rooms.get(room.key)?.size ?? 0) > 0;
  }
}

function roomKey(board: Board, period: PeriodKind, at: string | null): string {
  return `${board}|${period}|${at ?? 'current'}`;
}

function stamp(state: BoardState, version: number): Standings {
  return {
    board: state.board,
    period: state.period,
    at: state.at,
    key: state.key,
    start: state.start,
    end: state.end,
    version,
    rows: state.rows,
  };
}

/** Whether an award can move a board: the right kind of subject, within the board's period. */
function affects(room: Room, award: AwardTouch, roles: Record<string, Role>): boolean {
  if (room.last) {
    if (award.occurredAt < room.last.start) return false;
    // A room that follows the calendar must hear of awards past its last period: the period moved on.
    if (award.occurredAt >= room.last.end && room.at !== null) return false;
  }
  switch (room.board) {
    case 'teams':
      return award.teamId !== null;
    case 'employees':
      return award.employeeId !== null;
    default:
      return award.employeeId !== null && roles[award.employeeId] === room.board;
  }
}
