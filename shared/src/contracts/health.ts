/** GET /api/health. */
export interface Health {
  status: 'ok';
  version: string;
  timezone: string;
  /** The office's language: the UI default for everyone who has not chosen one. */
  locale: 'ru' | 'en';
  database: 'sqlite' | 'postgres';
  /** The client build the server serves (a hash of its index.html); screens reload when it changes. */
  build: string | null;
  time: string;
}

/** GET /api/health/live: the process answers (nothing else is asked). */
export interface Liveness {
  status: 'ok';
}

/** One dependency as readiness saw it: answering, not answering, or not configured. */
export type ReadinessState = 'ok' | 'down' | 'off';

/**
 * GET /api/health/ready, when the instance may take traffic (else a 503 `ApiError` with code
 * `db.unavailable`). `degraded`: Redis does not answer, so this instance serves its own sockets
 * and limits alone until it is back (taking every instance out of a balancer for it would be worse).
 */
export interface Readiness {
  status: 'ready' | 'degraded';
  checks: { database: ReadinessState; migrations: ReadinessState; redis: ReadinessState };
}
