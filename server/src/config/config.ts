import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidTimeZone } from '../domain/periods/zoned-time.js';

const TokenSchema = z
  .string()
  .min(16, 'must be at least 16 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number from 0 to 65535' })
    .int('must be a port number from 0 to 65535')
    .min(0)
    .max(65535)
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/conveyor.db'),
  /** PostgreSQL instead of the embedded SQLite file (wins over DATABASE_PATH when both are set). */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL such as postgres://conveyor:secret@db:5432/conveyor' })
    .optional(),
  /** Several instances: the Redis that carries live updates between them and keeps shared rate limits. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL such as redis://redis:6379' }).optional(),
  OFFICE_TIMEZONE: z
    .string()
    .default('Europe/Moscow')
    .refine(isValidTimeZone, { message: 'must be an IANA time zone name such as Europe/Moscow' }),
  CONVEYOR_ADMIN_TOKEN: TokenSchema.optional(),
  CONVEYOR_DISPLAY_TOKEN: TokenSchema.optional(),
  /** Extra origins allowed to open the live socket, comma-separated; the server's own origin always is. */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Where the built client is served from (default: client/dist of this checkout). */
  CLIENT_DIST: z.string().min(1).optional(),
  /** The office's language: the UI default for people who have not chosen one. */
  OFFICE_LOCALE: z.enum(['ru', 'en'], { error: 'must be ru or en' }).default('ru'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug']).default('warn'),
  /** text: Nest's readable lines; json: one JSON object per line (time, level, context, message, requestId) for log collectors. */
  LOG_FORMAT: z.enum(['text', 'json'], { error: 'must be text or json' }).default('text'),
  /** The bearer token Prometheus scrapes GET /metrics with (managers may read it too). */
  METRICS_TOKEN: TokenSchema.optional(),
  /** FULL: an acknowledged event survives power loss. NORMAL: it survives a process crash only. */
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /**
   * Tests and simulations only: a manual clock standing at this instant, moved forward with
   * PUT /api/dev/clock (a manager call, refused when this is unset).
   */
  CONVEYOR_CLOCK: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a time zone' }).optional(),
  /** Tests only: fault injection at a named point (`close:before-commit`, `close:after-commit`): the process kills itself there. */
  CONVEYOR_FAULT: z.enum(['close:before-commit', 'close:after-commit']).optional(),
  /** The address systems post their webhooks to, when the server sits behind a proxy (default: the address the console was opened at). */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://conveyor.example.ru' }).optional(),
  /** How many days the integrations inbox keeps deliveries. */
  INBOX_RETENTION_DAYS: z.coerce.number({ error: 'must be a number of days' }).int().min(1).max(3650).default(90),
  /** The key integration secrets are encrypted with (32+ characters); generated and kept beside the database when unset. */
  CONVEYOR_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  CONVEYOR_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('')
    .transform((v) => v === '1' || v === 'true'),
});

export type Env = z.output<typeof EnvSchema>;

export class ConfigError extends Error {}

/** A service the configuration names does not answer at start: said in one line, the process exits 1. */
export class StartupError extends Error {}

/** Validates the environment once at boot; a bad value stops the server with a message naming it. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]));
  const parsed = EnvSchema.safeParse(picked);
  if (parsed.success) return parsed.data;
  const shown = (name: string): string =>
    /TOKEN|KEY/.test(name) ? '(hidden)' : /_URL$/.test(name) ? JSON.stringify(redactUrl(source[name] ?? '')) : JSON.stringify(source[name]);
  const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}=${shown(String(i.path[0]))}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** A URL as it may be printed: its password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

type Optional =
  'fault' | 'locale' | 'clientDist' | 'secretKey' | 'publicUrl' | 'inboxRetentionDays' | 'databaseUrl' | 'redisUrl' | 'metricsToken';

/** Settings the app runs with, after secrets are resolved. */
export class AppConfig {
  readonly port: number;
  readonly host: string;
  /** The SQLite file; its folder also keeps secrets.json. */
  readonly databasePath: string;
  /** PostgreSQL, when set (then `databasePath` only places secrets.json). */
  readonly databaseUrl: string | null;
  /** Redis for several instances, when set. */
  readonly redisUrl: string | null;
  readonly timeZone: string;
  readonly adminToken: string;
  readonly displayToken: string;
  readonly allowedOrigins: string[];
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  readonly demo: boolean;
  /** Tests only: where the process kills itself (see CONVEYOR_FAULT). */
  readonly fault: string | null;
  readonly locale: 'ru' | 'en';
  readonly clientDist: string;
  /** The key integration secrets are encrypted with at rest. */
  readonly secretKey: string;
  readonly publicUrl: string | null;
  readonly inboxRetentionDays: number;
  /** The scrape token of GET /metrics, when set. */
  readonly metricsToken: string | null;

  constructor(values: Omit<AppConfig, Optional> & Partial<Pick<AppConfig, Optional>>) {
    this.port = values.port;
    this.host = values.host;
    this.databasePath = values.databasePath;
    this.databaseUrl = values.databaseUrl ?? null;
    this.redisUrl = values.redisUrl ?? null;
    this.timeZone = values.timeZone;
    this.adminToken = values.adminToken;
    this.displayToken = values.displayToken;
    this.allowedOrigins = values.allowedOrigins;
    this.sqliteSynchronous = values.sqliteSynchronous;
    this.demo = values.demo;
    this.fault = values.fault ?? null;
    this.locale = values.locale ?? 'ru';
    this.clientDist = values.clientDist ?? defaultClientDist();
    // Tests that build the app in-process have no secrets file: a fixed key keeps them deterministic.
    this.secretKey = values.secretKey ?? `${values.adminToken}:integrations`;
    this.publicUrl = values.publicUrl ?? null;
    this.inboxRetentionDays = values.inboxRetentionDays ?? 90;
    this.metricsToken = values.metricsToken ?? null;
  }
}

/** client/dist beside this server's build (server/dist/config → ../../../client/dist). */
export function defaultClientDist(): string {
  return fileURLToPath(new URL('../../../client/dist', import.meta.url));
}
