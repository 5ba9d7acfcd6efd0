// Throwaway PostgreSQL and Redis servers for tests and benchmarks: Debian's packages started by hand
// in a temporary folder, on free loopback ports, with nothing kept. Used by scripts/with-services.mjs,
// the test helpers (several instances) and the benches.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

/** Resolves once something accepts connections on the port (or rejects after `ms`). */
export async function waitForPort(port, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The folder of Debian's PostgreSQL binaries (the newest installed), or null. */
export function postgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

/** Runs a PostgreSQL binary; as root, as the `postgres` user (initdb and postgres refuse root). */
function pgCommand(bin, args) {
  const path = join(postgresBin() ?? '', bin);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/**
 * Starts a throwaway PostgreSQL cluster (no fsync, trust on loopback). Returns its URL
 * (`postgres://postgres@127.0.0.1:PORT/postgres`) and stop().
 */
export async function startPostgres() {
  if (!postgresBin()) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const [initCmd, initArgs] = pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const [cmd, args] = pgCommand('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=400',
  ]);
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (chunk) => (log += chunk.toString()));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  await Promise.race([
    waitForPort(port),
    exited.then(() => {
      throw new Error(`PostgreSQL exited at start:\n${log}`);
    }),
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (proc.exitCode === null) {
        // The postmaster itself (runuser does not pass SIGINT on); SIGINT is PostgreSQL's fast shutdown.
        const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        process.kill(pid, 'SIGINT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts a throwaway Redis (nothing saved). Returns its URL and stop(). */
export async function startRedis() {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.once('error', () => undefined);
  await Promise.race([
    waitForPort(port),
    exited.then(() => {
      throw new Error('redis-server exited at start (Debian: apt-get install redis-server)');
    }),
  ]);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    /** Stops the server (SIGKILL: a crash, when `crash` is true). */
    async stop(crash = false) {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill(crash ? 'SIGKILL' : 'SIGTERM');
        await exited;
      }
    },
  };
}
