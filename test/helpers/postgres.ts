import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.js';

/** A throwaway PostgreSQL cluster of a test's own, which the test may stop and start again on the same port and data. */
export interface TestPostgres {
  url: string;
  /** Fast shutdown (SIGINT to the postmaster): every connection drops, new ones are refused. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

/** The folder of Debian's PostgreSQL binaries (the newest installed), or null when there is none. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : null;
}

/** As root, PostgreSQL's programs run as the `postgres` user (initdb and postgres refuse root). */
function command(bin: string, args: string[]): [string, string[]] {
  const path = join(postgresBin() ?? '', bin);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-test-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
  const [init, initArgs] = command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  execFileSync(init, initArgs, { stdio: 'ignore' });
  let proc: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    const [cmd, args] = command('postgres', [
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
    ]);
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    proc = child;
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const gone = exited.then(() => {
      throw new Error(`PostgreSQL exited at start:\n${log}`);
    });
    for (;;) {
      // Polls the port while the cluster starts (no fixed sleep: the answer decides).
      const up = await Promise.race([listening(port), gone]);
      if (up && /ready to accept connections/.test(log)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async (): Promise<void> => {
    const child = proc;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // runuser passes no signal on: the postmaster's pid is the first line of its pid file.
    const pid = Number(
      execFileSync('head', ['-n1', join(data, 'postmaster.pid')])
        .toString()
        .trim(),
    );
    process.kill(pid, 'SIGINT');
    await exited;
    proc = null;
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
