import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Health } from '@conveyor/shared';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { Access } from '../auth/access.js';

export const APP_VERSION = '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('public')
  @ApiOperation({ summary: 'Liveness and database reachability' })
  async get(): Promise<Health> {
    await this.db.manager.query('SELECT 1');
    return { status: 'ok', version: APP_VERSION, timezone: this.config.timeZone, locale: this.config.locale, database: this.db.kind, time: this.clock.now().toISOString() };
  }
}
