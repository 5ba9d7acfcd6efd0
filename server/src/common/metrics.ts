import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where events come in from: the REST API, an integration's webhook, a CSV import. */
export type IngestSource = 'api' | 'webhook' | 'import';

/**
 * The process's Prometheus instruments (GET /metrics, docs/deploy.md). One registry per process:
 * the instruments are module-level so the hot paths count with a plain call and no injection;
 * everything costly (process figures, socket counts) is read only when a scrape asks.
 */
export const metricsRegistry = new Registry();

// Process figures: CPU, RSS, heap, handles, GC, and the event loop's delay (nodejs_eventloop_lag_*,
// p50/p90/p99 over the time since the previous scrape, sampled every 10 ms).
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 10 });

/** New events stored (retries of a stored id are not counted again), by source. */
export const eventsIngested = new Counter({
  name: 'conveyor_events_ingested_total',
  help: 'Events taken in and committed (a retried id counts once), by source',
  labelNames: ['source'] as const,
  registers: [metricsRegistry],
});

/** From a request's arrival at the ingest queue to its answer (committed, or refused), by source. */
export const ingestSeconds = new Histogram({
  name: 'conveyor_ingest_duration_seconds',
  help: 'Time from an ingest request reaching the write queue to its answer (after commit), by source',
  labelNames: ['source'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Finished HTTP requests by status class (2xx, 3xx, 4xx, 5xx). */
export const httpRequests = new Counter({
  name: 'conveyor_http_requests_total',
  help: 'Finished HTTP requests under /api and /metrics, by status class',
  labelNames: ['status'] as const,
  registers: [metricsRegistry],
});

/** Requests refused because the database did not answer (also in the 5xx class above). */
export const databaseUnavailable = new Counter({
  name: 'conveyor_database_unavailable_total',
  help: 'Requests answered 503 db.unavailable because the database did not answer',
  registers: [metricsRegistry],
});

const socketCounts: (() => number)[] = [];

/** Live sockets connected to this process, read at scrape time. */
export const liveSockets = new Gauge({
  name: 'conveyor_live_sockets',
  help: 'Live (/live) sockets connected to this instance',
  registers: [metricsRegistry],
  collect() {
    this.set(socketCounts.reduce((sum, count) => sum + count(), 0));
  },
});

/** Counts the sockets of a socket.io namespace in `conveyor_live_sockets`. */
export function countSockets(ns: { sockets: { size: number } }): void {
  socketCounts.push(() => ns.sockets.size);
}

/** The status class label of an HTTP status. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}
