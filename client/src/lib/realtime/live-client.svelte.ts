import {
  LIVE_NAMESPACE,
  LiveEvent,
  type ApiError,
  type Award,
  type ClientToServerEvents,
  type Moment,
  type ServerToClientEvents,
  type Standings,
} from '@conveyor/shared';
import { io, type Socket } from 'socket.io-client';
import { createSubscriber } from 'svelte/reactivity';
import { boardKey, VersionTracker, type BoardSub } from './board-versions.js';
import type { ConnectionState } from './connection.js';
import { MomentFeed } from './moments.js';
import { jittered, RECONNECT } from './reconnect.js';
import { mergeAwards, TICKER_LIMIT } from './ticker.js';

export interface LiveClientOptions {
  /** The boards to follow; resubscribed after every (re)connect. */
  boards: readonly BoardSub[];
  /** The bearer token, read at every connection attempt. */
  token: () => string | null;
  /** Authenticate with the session cookie instead of a token (phones, the console). */
  cookieAuth?: boolean;
  /** Fills the ticker at start and after reconnects (awards sent while offline are otherwise lost). */
  loadRecentAwards?: (signal: AbortSignal) => Promise<Award[]>;
  /** Called for every new moment (grade changed, target reached, period closed), including those missed while offline. */
  onMoment?: (moment: Moment) => void;
  /** Server origin; the page's own by default. */
  origin?: string;
  /** How long to wait for a snapshot before asking again. */
  snapshotTimeoutMs?: number;
  /** How long to wait before retrying after the server refused the token. */
  unauthorizedRetryMs?: number;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const UNAUTHORIZED = /unauthori[sz]ed/i;

/**
 * The live standings socket as reactive state. The socket opens when something on screen first
 * reads this object and closes (listeners, timers, requests and all) when the last reader goes.
 */
export class LiveClient {
  #connection = $state<ConnectionState>('connecting');
  #lostAt = $state<number | null>(null);
  #lastUpdatedAt = $state<number | null>(null);
  #boards = $state.raw<Readonly<Record<string, Standings>>>({});
  #awards = $state.raw<readonly Award[]>([]);
  #error = $state.raw<ApiError | null>(null);
  #moments = $state.raw<readonly Moment[]>([]);

  readonly #options: LiveClientOptions;
  readonly #subscribe: () => void;

  constructor(options: LiveClientOptions) {
    this.#options = options;
    this.#subscribe = createSubscriber(() => this.#start());
  }

  get connection(): ConnectionState {
    this.#subscribe();
    return this.#connection;
  }

  /** When the connection was lost (or the first attempt began); null while live. */
  get lostAt(): number | null {
    this.#subscribe();
    return this.#lostAt;
  }

  /** When the data on screen was last known to be current (epoch ms). */
  get lastUpdatedAt(): number | null {
    this.#subscribe();
    return this.#lastUpdatedAt;
  }

  /** Recent awards, newest first, at most `TICKER_LIMIT`. */
  get awards(): readonly Award[] {
    this.#subscribe();
    return this.#awards;
  }

  /** The last few moments, oldest first. */
  get moments(): readonly Moment[] {
    this.#subscribe();
    return this.#moments;
  }

  /** The last `live:error` the server sent. */
  get error(): ApiError | null {
    this.#subscribe();
    return this.#error;
  }

  /** The latest snapshot of a board, undefined until the first one arrives. */
  board(sub: BoardSub): Standings | undefined {
    this.#subscribe();
    return this.#boards[boardKey(sub)];
  }

  #start(): () => void {
    const options = this.#options;
    this.#lostAt = Date.now();
    if (!options.token() && !options.cookieAuth) {
      this.#connection = 'unauthorized';
      return () => {};
    }
    this.#connection = 'connecting';

    const socket: LiveSocket = io(`${options.origin ?? ''}${LIVE_NAMESPACE}`, {
      path: '/socket.io',
      auth: (send) => send({ token: options.token() ?? '' }),
      forceNew: true,
      ...RECONNECT,
    });
    const versions = new VersionTracker();
    const feed = new MomentFeed();
    // Pending timeout ids, cleared on teardown; nothing renders them, so not reactive state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const timers = new Set<number>();
    const requests = new AbortController();
    const snapshotTimeoutMs = options.snapshotTimeoutMs ?? 10_000;

    const later = (run: () => void, ms: number): void => {
      const id = window.setTimeout(() => {
        timers.delete(id);
        run();
      }, ms);
      timers.add(id);
    };

    const subscribe = (subs: readonly BoardSub[]): void => {
      // While disconnected, the next `connect` subscribes to everything anyway.
      if (!socket.connected || subs.length === 0) return;
      for (const sub of subs) versions.expectSnapshot(boardKey(sub));
      socket.emit(LiveEvent.subscribe, {
        boards: subs.map(({ board, period, at }) => (at ? { board, period, at } : { board, period })),
      });
      // A lost answer must not freeze a board: ask again for those still without a snapshot.
      later(() => subscribe(subs.filter((sub) => versions.isAwaiting(boardKey(sub)))), snapshotTimeoutMs);
    };

    // Snapshots carry the resolved date in `at`; match them to what was asked for.
    const subFor = (standings: Standings): BoardSub | undefined =>
      options.boards.find(
        (sub) => sub.board === standings.board && sub.period === standings.period && (!sub.at || sub.at === standings.at),
      );

    const setBoard = (sub: BoardSub, standings: Standings): void => {
      this.#boards = { ...this.#boards, [boardKey(sub)]: standings };
      this.#lastUpdatedAt = Date.now();
    };

    const loadAwards = (): void => {
      options
        .loadRecentAwards?.(requests.signal)
        .then((recent) => {
          if (!requests.signal.aborted) this.#awards = mergeAwards(this.#awards, recent, TICKER_LIMIT);
        })
        .catch(() => {
          // The ticker fills from live batches anyway.
        });
    };

    socket.on('connect', () => {
      this.#connection = 'live';
      this.#lostAt = null;
      this.#lastUpdatedAt = Date.now();
      versions.reset();
      subscribe(options.boards);
      loadAwards();
    });

    socket.on('disconnect', (reason) => {
      this.#connection = 'reconnecting';
      this.#lostAt = Date.now();
      this.#lastUpdatedAt = Date.now();
      // The server closed this socket on purpose: socket.io does not retry that by itself.
      if (reason === 'io server disconnect') later(() => socket.connect(), jittered(5000));
    });

    socket.on('connect_error', (error) => {
      const refused = UNAUTHORIZED.test(error.message);
      if (refused) this.#connection = 'unauthorized';
      // Any other failure (server down, network) is not about the token: keep "connecting"/"reconnecting".
      else if (this.#connection === 'unauthorized') this.#connection = 'reconnecting';
      // Refused by a server middleware: socket.io stops retrying; keep trying slowly (a TV runs for weeks).
      if (!socket.active) later(() => socket.connect(), jittered(refused ? (options.unauthorizedRetryMs ?? 30_000) : 5000));
    });

    socket.on(LiveEvent.snapshot, (standings) => {
      const sub = subFor(standings);
      if (!sub) return;
      versions.onSnapshot(boardKey(sub), standings.version);
      setBoard(sub, standings);
    });

    socket.on(LiveEvent.update, (standings) => {
      const sub = subFor(standings);
      if (!sub) return;
      switch (versions.onUpdate(boardKey(sub), standings.version)) {
        case 'apply':
          setBoard(sub, standings);
          break;
        case 'resubscribe':
          subscribe([sub]);
          break;
        case 'ignore':
          break;
      }
    });

    socket.on(LiveEvent.awards, (batch) => {
      this.#awards = mergeAwards(this.#awards, batch, TICKER_LIMIT);
      this.#lastUpdatedAt = Date.now();
    });

    const announce = (moments: readonly Moment[]): void => {
      this.#moments = feed.recent;
      for (const m of moments) options.onMoment?.(m);
    };
    socket.on(LiveEvent.momentsSnapshot, (snapshot) => announce(feed.onSnapshot(snapshot)));
    const onMoment = (moment: Moment): void => {
      const decision = feed.onMoment(moment);
      if (decision === 'apply') announce([moment]);
      else if (decision === 'resubscribe') subscribe(options.boards);
    };
    socket.on(LiveEvent.gradeChanged, ({ version, ...data }) => onMoment({ version, type: 'grade.changed', data }));
    socket.on(LiveEvent.targetReached, ({ version, ...data }) => onMoment({ version, type: 'target.reached', data }));
    socket.on(LiveEvent.periodClosed, ({ version, ...data }) => onMoment({ version, type: 'period.closed', data }));
    socket.on(LiveEvent.paymentBig, ({ version, ...data }) => onMoment({ version, type: 'payment.big', data }));
    socket.on(LiveEvent.clientNew, ({ version, ...data }) => onMoment({ version, type: 'client.new', data }));
    socket.on(LiveEvent.clientRenewal, ({ version, ...data }) => onMoment({ version, type: 'client.renewal', data }));

    socket.on(LiveEvent.error, (error) => {
      this.#error = error;
      if (UNAUTHORIZED.test(error.message)) this.#connection = 'unauthorized';
    });

    return () => {
      requests.abort();
      for (const id of timers) window.clearTimeout(id);
      timers.clear();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }
}
