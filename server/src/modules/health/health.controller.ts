import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Health, Liveness, Readiness } from '@conveyor/shared';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Access } from '../../common/access.js';
import { ReadinessProbe } from './readiness.js';

let cachedBuild: { at: number; build: string | null } | null = null;

/** A short hash of the served index.html: it names the hashed bundles, so it changes with every client build. */
function clientBuild(dist: string): string | null {
  if (cachedBuild && Date.now() - cachedBuild.at < 5_000) return cachedBuild.build;
  const build = hashOf(join(dist, 'index.html'));
  cachedBuild = { at: Date.now(), build };
  return build;
}

function hashOf(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
  } catch {
    return null;
  }
}

export const APP_VERSION = '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly readiness: ReadinessProbe,
  ) {}

  @Get('live')
  @Access('public')
  @ApiOperation({ summary: 'Liveness: the process answers (asks nothing of the database)' })
  live(): Liveness {
    return { status: 'ok' };
  }

  @Get('ready')
  @Access('public')
  @ApiOperation({
    summary: 'Readiness: the database answers SELECT 1 within 2 s and has every migration, Redis (when set) answers PING',
    description: '503 db.unavailable when the database does not answer or migrations are pending; Redis down answers 200 "degraded".',
  })
  ready(): Promise<Readiness> {
    return this.readiness.check();
  }

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async get(): Promise<Health> {
    await this.db.manager.query('SELECT 1');
    return {
      status: 'ok',
      version: APP_VERSION,
      timezone: this.config.timeZone,
      locale: this.config.locale,
      database: this.db.kind,
      build: clientBuild(this.config.clientDist),
      time: this.clock.now().toISOString(),
    };
  }
}
