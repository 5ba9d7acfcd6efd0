import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PERIOD_KINDS, WallSettingsSchema, type ImprovedRow, type WallSettings } from '@conveyor/shared';
import { z } from 'zod';
import { Clock } from '../../common/clock.js';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { Database } from '../../database/database.js';
import { Access, READERS } from '../auth/access.js';
import { Audit } from '../auth/audit.js';
import { ScoringService } from '../ledger/scoring.service.js';
import { StandingsService } from '../standings/standings.service.js';
import { WallRepository } from './wall.repository.js';

const ImprovedQuerySchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).default('month'),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

@ApiTags('wall')
@Controller()
export class WallController {
  constructor(
    private readonly db: Database,
    private readonly wall: WallRepository,
    private readonly standings: StandingsService,
    private readonly scoring: ScoringService,
    private readonly clock: Clock,
  ) {}

  @Get('settings/wall')
  @Access(...READERS)
  @ApiOperation({ summary: "The wall screens' slides and their durations, how many names a list shows, the big-payment amount, sound" })
  settings(): Promise<WallSettings> {
    return this.db.read((em) => this.wall.settings(em));
  }

  @Put('settings/wall')
  @Audit({
    action: 'wall.settings',
    target: () => null,
    before: (ref) => ref.get(WallRepository, { strict: false }).settings(ref.get(Database, { strict: false }).manager),
  })
  @ApiOperation({ summary: 'Set what the wall screens show; screens pick it up at their next slide cycle' })
  @ApiBody({ schema: jsonSchema(WallSettingsSchema) })
  async setSettings(@Body() body: unknown): Promise<WallSettings> {
    const settings = parseOrThrow(WallSettingsSchema, body);
    await this.db.write(async (em) => {
      this.scoring.forgetContext(); // the big-payment amount is part of what ingest scores with
      await this.wall.setSettings(em, settings, this.clock.now().toISOString());
    });
    return settings;
  }

  @Get('standings/improved')
  @Access(...READERS)
  @ApiOperation({ summary: 'People gaining the most on their pace in the previous period (same elapsed time); only gains, never a bottom' })
  @ApiQuery({ name: 'period', enum: PERIOD_KINDS, required: false })
  @ApiQuery({ name: 'limit', required: false })
  improved(@Query() query: unknown): Promise<ImprovedRow[]> {
    const q = parseOrThrow(ImprovedQuerySchema, query);
    return this.standings.improved(q.period, q.limit);
  }
}
