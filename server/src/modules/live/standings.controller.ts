import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BOARDS, PERIOD_KINDS, StandingsQuerySchema, type Award, type Standings } from '@conveyor/shared';
import { z } from 'zod';
import { parseOrThrow } from '../../common/parse.js';
import { LiveHub } from './live.hub.js';
import { StandingsService } from '../standings/standings.service.js';
import { Access, READERS } from '../../common/access.js';

const RecentQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(30) });

/** Standings over REST, stamped with the version the live sockets are at, so a screen can join the feed where it read. */
@ApiTags('standings')
@ApiBearerAuth()
@Controller()
export class StandingsController {
  constructor(
    private readonly standings: StandingsService,
    private readonly hub: LiveHub,
  ) {}

  @Get('standings')
  @Access(...READERS)
  @ApiOperation({ summary: 'Ranked standings of a board for a calendar period in the office time zone' })
  @ApiQuery({ name: 'board', enum: BOARDS, required: false })
  @ApiQuery({ name: 'period', enum: PERIOD_KINDS, required: false })
  @ApiQuery({ name: 'at', required: false, description: 'YYYY-MM-DD in the office time zone; default today' })
  async get(@Query() query: unknown): Promise<Standings> {
    const q = parseOrThrow(StandingsQuerySchema, query);
    const state = await this.standings.board(q.board, q.period, q.at);
    return { ...state, version: await this.hub.versionOf(q.board, q.period, q.at ?? null) };
  }

  @Get('awards/recent')
  @Access(...READERS)
  @ApiOperation({ summary: 'The latest ledger entries, newest first (for a ticker)' })
  @ApiQuery({ name: 'limit', required: false })
  recent(@Query() query: unknown): Promise<Award[]> {
    return this.standings.recentAwards(parseOrThrow(RecentQuerySchema, query).limit);
  }
}
