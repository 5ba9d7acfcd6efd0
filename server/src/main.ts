import 'reflect-metadata';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { ManualClock, SystemClock } from './common/clock.js';
import { answerParserErrors } from './common/parser-errors.js';
import { JsonLogger } from './common/json-logger.js';
import { requestContext } from './common/request-context.js';
import { AppConfig, ConfigError, StartupError, loadEnv, redactUrl } from './config/config.js';
import { resolveSecrets } from './config/secrets.js';
import { assertRedisReachable } from './core/redis-preflight.js';
import { assertPostgresReachable } from './database/preflight.js';
import { startDemoOffice } from './demo/demo-office.js';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** The integrations' webhook address (`/api/hooks/<key>` and what systems append to it). */
function isWebhook(url: string | undefined): boolean {
  return url !== undefined && url.startsWith('/api/hooks/');
}

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const demo = env.CONVEYOR_DEMO || process.argv.includes('--demo');
  // The demo office keeps its own folder, so its data and secrets never mix with a real install's.
  const databasePath = resolve(demo && !process.env.DATABASE_PATH ? './data/demo/demo.db' : env.DATABASE_PATH);
  mkdirSync(dirname(databasePath), { recursive: true });
  const secrets = resolveSecrets(databasePath, {
    admin: env.CONVEYOR_ADMIN_TOKEN,
    display: env.CONVEYOR_DISPLAY_TOKEN,
    secretKey: env.CONVEYOR_SECRET_KEY,
  });
  const config = new AppConfig({
    port: env.PORT,
    host: env.HOST,
    databasePath,
    databaseUrl: env.DATABASE_URL ?? null,
    redisUrl: env.REDIS_URL ?? null,
    timeZone: env.OFFICE_TIMEZONE,
    adminToken: secrets.adminToken,
    displayToken: secrets.displayToken,
    allowedOrigins: env.ALLOWED_ORIGINS,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
    demo,
    fault: env.CONVEYOR_FAULT ?? null,
    locale: env.OFFICE_LOCALE,
    clientDist: env.CLIENT_DIST ? resolve(env.CLIENT_DIST) : undefined,
    secretKey: secrets.secretKey,
    publicUrl: env.PUBLIC_URL ?? null,
    inboxRetentionDays: env.INBOX_RETENTION_DAYS,
    metricsToken: env.METRICS_TOKEN ?? null,
  });
  if (config.databaseUrl) await assertPostgresReachable(config.databaseUrl);
  if (config.redisUrl) await assertRedisReachable(config.redisUrl);
  const clock = env.CONVEYOR_CLOCK ? new ManualClock(new Date(env.CONVEYOR_CLOCK)) : new SystemClock();

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, clock), {
    bodyParser: false,
    logger: env.LOG_FORMAT === 'json' ? new JsonLogger(LEVELS[env.LOG_LEVEL]!) : LEVELS[env.LOG_LEVEL],
  });
  // A request id for every request (kept from the proxy's X-Request-Id), carried by its log lines; status classes counted.
  app.use(requestContext(env.LOG_FORMAT === 'json'));
  // Webhooks are kept exactly as sent (signatures are computed over the raw bytes), whatever their type.
  app.useBodyParser('raw', { type: (req: { url?: string }) => isWebhook(req.url), limit: '1mb' });
  app.useBodyParser('json', { limit: '5mb' });
  // Prometheus scrapes /metrics where it expects it (docs/deploy.md); everything else lives under /api.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Standard security headers. Scripts only from this server; styles may be inline (Svelte sets style attributes).
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      // Plain HTTP on an office network must keep working: no HSTS unless a proxy adds it.
      strictTransportSecurity: false,
    }),
  );

  const docs = new DocumentBuilder()
    .setTitle('Conveyor API')
    .setDescription('Activity events in, live standings out. Errors: { message, errors: [{ index, field, reason }] }.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, docs));

  serveClient(app, config.clientDist);
  // A header over 16 KB or a malformed request line is refused by Node before any route: answered in the error contract too.
  answerParserErrors(app.getHttpServer());
  await app.listen(config.port, config.host);

  const base = `http://localhost:${config.port}`;
  // Test helpers and scripts wait for the first line. The rest is what a person needs to start: the
  // three addresses and how to sign in, nothing else (LOG_LEVEL=log shows more).
  const kept = join(dirname(databasePath), 'secrets.json');
  const signIn = secrets.generated.includes('admin')
    ? `first sign-in with the admin token ${secrets.adminToken} (kept in ${kept})`
    : `sign in with your account, or with the admin token kept in ${kept}`;
  if (env.LOG_FORMAT === 'json') {
    // One JSON line like every other (the first line is still the one scripts wait for); the
    // addresses with tokens in them stay out of collected logs.
    const where = config.databaseUrl ? redactUrl(config.databaseUrl) : databasePath;
    const message = `Conveyor listening on http://${config.host}:${config.port} (database ${where}, office time zone ${config.timeZone}); admin token kept in ${kept}`;
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'log', context: 'Conveyor', message, pid: process.pid })}\n`,
    );
  } else
    process.stdout.write(
      [
        `Conveyor listening on http://${config.host}:${config.port} (database ${config.databaseUrl ? redactUrl(config.databaseUrl) : databasePath}, office time zone ${config.timeZone})`,
        `  TV:      ${base}/tv?token=${secrets.displayToken}`,
        `  Phones:  ${base}/me (each person opens the link or QR code a manager makes in the console)`,
        `  Console: ${base}/admin (${signIn})`,
        '',
      ].join('\n'),
    );

  if (demo) startDemoOffice(`http://127.0.0.1:${config.port}`, secrets.adminToken, config.timeZone, new Logger('Demo'));
}

/** Serves the built Svelte client, with the app's pages falling back to index.html. */
function serveClient(app: NestExpressApplication, dist: string): void {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) {
    new Logger('Conveyor').warn(`No client build at ${dist}: run npm run build`);
    return;
  }
  app.useStaticAssets(dist, {
    index: false,
    maxAge: '1h',
    setHeaders: (res: Response, path: string) => {
      // The page, the phone's service worker and its manifest are asked again on every load (a new build
      // must reach phones at once: docs/phone.md); the hashed bundles and icons may be kept an hour.
      if (/\.html$|[\\/]sw\.js$|\.webmanifest$/.test(path)) res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io') || req.path === '/metrics') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Conveyor failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
