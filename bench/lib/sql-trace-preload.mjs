// Preloaded into the server under test (node --import) by `--trace-sql`: wraps the `sqlite3` driver's
// Database#all/#run (before TypeORM loads it) to time every statement and every transaction, and measures
// the main thread's event-loop utilization. Writes a JSON summary into BENCH_TRACE_DIR on SIGTERM.
// Nothing of the server is changed; this only observes the driver calls it makes.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const dir = process.env.BENCH_TRACE_DIR;
if (dir) {
  const require = createRequire(join(process.cwd(), 'noop.js'));
  let sqlite3;
  try {
    sqlite3 = require(require.resolve('sqlite3', { paths: [new URL('../../server/', import.meta.url).pathname] }));
  } catch {
    sqlite3 = require('sqlite3');
  }
  const now = () => performance.now();
  const kinds = new Map(); // statement kind -> { n, ms, maxMs, params }
  const tx = []; // per transaction: { wallMs, queries, driverMs, commitMs, events }
  let open = null;
  const reads = { n: 0, ms: 0 };
  const t0 = now();
  const elu0 = performance.eventLoopUtilization();

  const kindOf = (sql) => {
    const s = sql.replace(/\s+/g, ' ').trim();
    if (/^BEGIN/i.test(s)) return 'BEGIN';
    if (/^COMMIT/i.test(s)) return 'COMMIT';
    if (/^ROLLBACK/i.test(s)) return 'ROLLBACK';
    if (/^SELECT .* FROM "events".*occurred_at" >=/i.test(s)) return 'SELECT events (daily-norm history)';
    if (/^SELECT .* FROM "events".*"client_id" = \?/i.test(s)) return 'SELECT events (client history)';
    const m = /^(INSERT INTO|DELETE FROM|UPDATE|SELECT .*? FROM) "?([a-z_]+)"?/i.exec(s);
    if (m) return `${m[1].startsWith('SELECT') ? 'SELECT' : m[1].toUpperCase()} ${m[2]}`;
    return s.slice(0, 40);
  };

  for (const method of ['all', 'run']) {
    const original = sqlite3.Database.prototype[method];
    sqlite3.Database.prototype[method] = function (sql, ...args) {
      const cbIndex = args.findIndex((a) => typeof a === 'function');
      if (cbIndex < 0 || typeof sql !== 'string') return original.call(this, sql, ...args);
      const cb = args[cbIndex];
      const kind = kindOf(sql);
      const params = Array.isArray(args[0]) ? args[0].length : 0;
      const start = now();
      if (kind === 'BEGIN') open = { at: Number(process.hrtime.bigint()) / 1e6, start, queries: 0, driverMs: 0, commitMs: 0, events: 0 };
      const rows = kind === 'INSERT INTO events' ? (sql.match(/\), ?\(/g)?.length ?? 0) + 1 : 0;
      args[cbIndex] = function (...res) {
        const ms = now() - start;
        const k = kinds.get(kind) ?? { n: 0, ms: 0, maxMs: 0, params: 0, rows: 0 };
        if (Array.isArray(res[1])) k.rows += res[1].length;
        k.n++;
        k.ms += ms;
        k.maxMs = Math.max(k.maxMs, ms);
        k.params += params;
        kinds.set(kind, k);
        if (open) {
          open.queries++;
          open.driverMs += ms;
          open.events += rows;
          if (kind === 'COMMIT' || kind === 'ROLLBACK') {
            open.commitMs = ms;
            tx.push({
              at: open.at,
              wallMs: now() - open.start,
              queries: open.queries,
              driverMs: open.driverMs,
              commitMs: open.commitMs,
              events: open.events,
            });
            open = null;
          }
        } else {
          reads.n++;
          reads.ms += ms;
        }
        return cb.apply(this, res);
      };
      return original.call(this, sql, ...args);
    };
  }

  // Transactions carry their start (`at`, CLOCK_MONOTONIC ms, shared by all processes), so the bench can split them by phase.
  process.prependOnceListener('SIGTERM', () => {
    const elu = performance.eventLoopUtilization(elu0);
    const summary = {
      seconds: (now() - t0) / 1000,
      eventLoopUtilization: elu.utilization,
      kinds: Object.fromEntries([...kinds.entries()].sort((a, b) => b[1].ms - a[1].ms)),
      transactions: tx,
      readsOutsideTx: reads,
    };
    writeFileSync(join(dir, `sql-trace-${process.pid}.json`), JSON.stringify(summary));
  });
}
