import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseEnv, dropDatabase, sqlOn } from './database.js';

const MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const DISPLAY_TOKEN = 'test-display-token-0123456789abcdef';

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  adminToken: string;
  displayToken: string;
  /** Runs SQL (`?` placeholders) on this server's database, whichever engine it is. */
  sql<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Everything the process printed so far. */
  output(): string;
  /** Graceful stop (SIGTERM), waits for exit. */
  stop(): Promise<void>;
  /** Crash (SIGKILL), waits for exit. */
  kill(): Promise<void>;
  /** Starts the process again on the same port and data folder; `env` overrides variables from now on. */
  restart(env?: Record<string, string>): Promise<void>;
  /** Resolves when the process has exited (by itself or otherwise). */
  exited(): Promise<void>;
  /** stop() and delete the data folder. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  env?: Record<string, string>;
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built server (server/dist) as a child process on a temporary SQLite file, or on a
 * database of its own on TEST_DATABASE_URL's PostgreSQL (test/helpers/database.ts).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'conveyor-test-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';
  const env = { ...(await databaseEnv(dataDir)), ...options.env };

  const launch = async (): Promise<void> => {
    const proc = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        OFFICE_TIMEZONE: 'Europe/Moscow',
        CONVEYOR_ADMIN_TOKEN: ADMIN_TOKEN,
        CONVEYOR_DISPLAY_TOKEN: DISPLAY_TOKEN,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const from = log.length;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        log += chunk.toString();
        if (log.slice(from).includes('listening on http://')) resolve();
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      proc.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${log}`)));
    });
  };

  const waitExit = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  };

  await launch();
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    adminToken: options.env?.CONVEYOR_ADMIN_TOKEN ?? ADMIN_TOKEN,
    displayToken: options.env?.CONVEYOR_DISPLAY_TOKEN ?? DISPLAY_TOKEN,
    sql: (sql, params) => sqlOn(dataDir, sql, params),
    output: () => log,
    stop: () => waitExit('SIGTERM'),
    kill: () => waitExit('SIGKILL'),
    restart: async (overrides) => {
      await waitExit('SIGTERM');
      Object.assign(env, overrides);
      await launch();
    },
    exited: async () => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    },
    dispose: async () => {
      await waitExit('SIGTERM');
      if (options.dataDir) return;
      await dropDatabase(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
