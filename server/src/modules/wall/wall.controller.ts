import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PERIOD_KINDS, WallSettingsSchema, type ImprovedRow, type TodayRace, type WallSettings } from '@conveyor/shared';
import { z } from 'zod';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { StandingsService } from '../standings/standings.service.js';
import { TodayRaceService } from './today-race.service.js';
import { WallService } from './wall.service.js';
import { Access, READERS, Audit } from '../../common/access.js';

const ImprovedQuerySchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).default('month'),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

@ApiTags('wall')
@Controller()
export class WallController {
  constructor(
    private readonly wall: WallService,
    private readonly standings: StandingsService,
    private readonly today: TodayRaceService,
  ) {}

  @Get('settings/wall')
  @Access(...READERS)
  @ApiOperation({ summary: "The wall screens' slides and their durations, how many names a list shows, the big-payment amount, sound" })
  settings(): Promise<WallSettings> {
    return this.wall.settings();
  }

  @Put('settings/wall')
  @Audit({ action: 'wall.settings', target: () => null, before: (ref) => ref.get(WallService, { strict: false }).settings() })
  @ApiOperation({ summary: 'Set what the wall screens show; screens pick it up at their next slide cycle' })
  @ApiBody({ schema: jsonSchema(WallSettingsSchema) })
  setSettings(@Body() body: unknown): Promise<WallSettings> {
    return this.wall.setSettings(parseOrThrow(WallSettingsSchema, body));
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

  @Get('standings/today')
  @Access(...READERS)
  @ApiOperation({
    summary: "Today's race of the telemarketers to the daily norm of successful calls, with the working hours its pace line runs along",
  })
  todayRace(): Promise<TodayRace> {
    return this.today.race();
  }
}
