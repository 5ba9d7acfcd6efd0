import type { ApiError } from '../contracts/api-error.js';
import type { MomentsSnapshot, PeriodClosed, TargetReached, Versioned } from '../contracts/closing.js';
import type { BigPayment, ClientPayment } from '../contracts/wall.js';
import type { GradeChanged } from '../contracts/grade.js';
import type { Award } from '../contracts/ledger.js';
import type { Standings, StandingsQuery } from '../contracts/standings.js';

// Constants and types only: no zod here, so clients that import them do not bundle the validators.

/** The socket.io namespace of live standings. The token goes in `handshake.auth.token`. */
export const LIVE_NAMESPACE = '/live';

/** Socket event names. */
export const LiveEvent = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  snapshot: 'standings:snapshot',
  update: 'standings:update',
  awards: 'awards',
  /** Moments: each carries the office-wide moment `version`; a gap means resubscribe. */
  gradeChanged: 'grade.changed',
  targetReached: 'target.reached',
  periodClosed: 'period.closed',
  paymentBig: 'payment.big',
  /** A client's first payment: a new client. */
  clientNew: 'client.new',
  /** A client's renewal payment. */
  clientRenewal: 'client.renewal',
  /** Sent on every subscribe: the latest moment version and the last few moments. */
  momentsSnapshot: 'moments:snapshot',
  error: 'live:error',
} as const;

/** Updates per board are coalesced to at most this many a second. */
export const MAX_UPDATES_PER_SECOND = 4;

/** How many recent moments a `moments:snapshot` carries. */
export const RECENT_MOMENTS = 20;

/** `subscribe` payload. Omit `at` to follow the current period as the calendar moves on. */
export interface SubscribeRequest {
  boards: StandingsQuery[];
}

export interface ServerToClientEvents {
  'standings:snapshot': (standings: Standings) => void;
  'standings:update': (standings: Standings) => void;
  awards: (batch: Award[]) => void;
  'grade.changed': (change: Versioned<GradeChanged>) => void;
  'target.reached': (reached: Versioned<TargetReached>) => void;
  'period.closed': (closed: Versioned<PeriodClosed>) => void;
  'payment.big': (payment: Versioned<BigPayment>) => void;
  'client.new': (payment: Versioned<ClientPayment>) => void;
  'client.renewal': (payment: Versioned<ClientPayment>) => void;
  'moments:snapshot': (snapshot: MomentsSnapshot) => void;
  'live:error': (error: ApiError) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest) => void;
  unsubscribe: (request: SubscribeRequest) => void;
}
