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
import { AppConfig, ConfigError, loadEnv } from './config/config.js';
import { resolveSecrets } from './config/secrets.js';
import { startDemoOffice } from './demo/demo-office.js';

const LEVELS: Record<string, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  const demo = env.CONVEYOR_DEMO || process.argv.includes('--demo');
  const databasePath = resolve(env.DATABASE_PATH);
  mkdirSync(dirname(databasePath), { recursive: true });
  const secrets = resolveSecrets(databasePath, { admin: env.CONVEYOR_ADMIN_TOKEN, display: env.CONVEYOR_DISPLAY_TOKEN });
  const config = new AppConfig({
    port: env.PORT,
    host: env.HOST,
    databasePath,
    timeZone: env.OFFICE_TIMEZONE,
    adminToken: secrets.adminToken,
    displayToken: secrets.displayToken,
    allowedOrigins: env.ALLOWED_ORIGINS,
    sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
    demo,
    fault: env.CONVEYOR_FAULT ?? null,
    locale: env.OFFICE_LOCALE,
    clientDist: env.CLIENT_DIST ? resolve(env.CLIENT_DIST) : undefined,
  });
  const clock = env.CONVEYOR_CLOCK ? new ManualClock(new Date(env.CONVEYOR_CLOCK)) : new SystemClock();

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, clock), {
    bodyParser: false,
    logger: LEVELS[env.LOG_LEVEL],
  });
  app.useBodyParser('json', { limit: '5mb' });
  app.setGlobalPrefix('api');
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
  await app.listen(config.port, config.host);

  const base = `http://localhost:${config.port}`;
  const log = new Logger('Conveyor');
  if (secrets.generated.includes('admin')) {
    log.log(`Generated the admin token (kept in ${join(dirname(databasePath), 'secrets.json')}): ${secrets.adminToken}`);
  }
  log.log(`Wall board: ${base}/tv?token=${secrets.displayToken}`);
  log.log(`API docs: ${base}/api/docs`);
  // Test helpers and scripts wait for this line.
  process.stdout.write(
    `Conveyor listening on http://${config.host}:${config.port} (database ${databasePath}, office time zone ${config.timeZone})\n`,
  );

  if (demo) startDemoOffice(`http://127.0.0.1:${config.port}`, secrets.adminToken, log);
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
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Conveyor failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
