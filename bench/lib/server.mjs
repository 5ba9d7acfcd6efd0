// Starts the built Conveyor server (server/dist/main.js) as a child process on a temporary SQLite file,
// the same way test/helpers/server.ts does, and seeds an office through the public API.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built server; BENCH_SERVER_MAIN points the bench at another build (e.g. of another commit). */
export const MAIN = process.env.BENCH_SERVER_MAIN
  ? resolve(process.env.BENCH_SERVER_MAIN)
  : fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const DISPLAY_TOKEN = 'bench-display-token-0123456789abcdef';

/** Every child process and temp folder the bench made, so that a signal or a crash still cleans up. */
const children = new Set();
const tempDirs = new Set();

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function cleanupSync() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
process.once('exit', cleanupSync);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanupSync();
    process.exit(130);
  });
}

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until a child prints `marker` on stdout; rejects if it exits first or takes longer than `timeoutMs`. */
export function waitForLine(child, marker, timeoutMs, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${marker}" after ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onData = () => {
      if (output().includes(marker)) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`process exited (${code ?? signal}) before "${marker}":\n${output()}`));
    });
  });
}

/** Stops a child: SIGTERM, then SIGKILL after `graceMs`. */
export function stopChild(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts Conveyor on 127.0.0.1, a free port and a fresh temp database.
 * `nodeArgs` go before the script (e.g. --cpu-prof); `env` adds to the environment.
 */
export async function startConveyor({ nodeArgs = [], env = {} } = {}) {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build -w shared && npm run build -w server`);
  const dataDir = tempDir('conveyor-bench-');
  const port = await freePort();
  let out = '';
  const child = track(
    spawn(process.execPath, [...nodeArgs, MAIN], {
      cwd: dataDir,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: join(dataDir, 'conveyor.db'),
        OFFICE_TIMEZONE: 'Europe/Moscow',
        CONVEYOR_ADMIN_TOKEN: ADMIN_TOKEN,
        CONVEYOR_DISPLAY_TOKEN: DISPLAY_TOKEN,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  await waitForLine(child, 'Conveyor listening on http://', 30_000, () => out);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    dataDir,
    dbPath: join(dataDir, 'conveyor.db'),
    output: () => out,
    child,
    async stop() {
      await stopChild(child);
    },
    async dispose() {
      await stopChild(child);
      removeTempDir(dataDir);
    },
  };
}

/** A keep-alive HTTP client for the load generator: no fetch/undici overhead, a bounded socket pool. */
export function httpClient(baseUrl, { token = ADMIN_TOKEN, maxSockets = 64, timeoutMs = 30_000 } = {}) {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const request = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          timeout: timeoutMs,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const parts = [];
          res.on('data', (c) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString() }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

export const TEAMS = 6;

/**
 * Triads (telemarketer, sales, account), six unless told; memberships from 1 January of `year` (this
 * year unless told), so every event of the run counts for its team. `telemarketerIds(n)` gives the
 * n-th telemarketer's ids in other systems. Returns the ids.
 */
export async function seedOffice(client, { teams: count = TEAMS, year = new Date().getUTCFullYear(), telemarketerIds } = {}) {
  const telemarketers = [];
  const teams = [];
  for (let n = 1; n <= count; n++) {
    for (const [role, prefix] of [
      ['telemarketer', 'tm'],
      ['sales', 'sales'],
      ['account', 'acc'],
    ]) {
      const externalIds = role === 'telemarketer' ? telemarketerIds?.(n) : undefined;
      const body = { id: `${prefix}${n}`, name: `${role} ${n}`, role, ...(externalIds && { externalIds }) };
      const res = await client.request('POST', '/api/employees', body);
      if (res.status !== 201) throw new Error(`POST /api/employees: ${res.status} ${res.text}`);
    }
    const res = await client.request('POST', '/api/teams', {
      id: `team${n}`,
      name: `Team ${n}`,
      members: { telemarketer: `tm${n}`, sales: `sales${n}`, account: `acc${n}` },
      since: `${year}-01-01`,
    });
    if (res.status !== 201) throw new Error(`POST /api/teams: ${res.status} ${res.text}`);
    telemarketers.push(`tm${n}`);
    teams.push(`team${n}`);
  }
  return { telemarketers, teams };
}

/**
 * Event factory. `call` is a successful 60 s call (1 point, and it re-reads the telemarketer's calls of
 * the day for the daily-norm bonus); `meeting` is `meeting.scheduled` (15 points, no daily scope).
 */
export function eventFactory(kind, telemarketers, prefix) {
  let seq = 0;
  return () => {
    const n = seq++;
    const employeeId = telemarketers[n % telemarketers.length];
    const id = `${prefix}-${n}`;
    const occurredAt = new Date().toISOString();
    const type = kind === 'mix' ? (n % 2 === 0 ? 'call' : 'meeting') : kind;
    return type === 'call'
      ? { id, type: 'call', occurredAt, employeeId, durationSec: 60 }
      : { id, type: 'meeting.scheduled', occurredAt, employeeId, clientId: `client-${n}` };
  };
}
