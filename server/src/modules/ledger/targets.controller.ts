import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PERIOD_KINDS, SetTeamTargetSchema, type TeamTarget } from '@conveyor/shared';
import { z } from 'zod';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { TargetsService } from './targets.service.js';
import { Access, READERS, Audit } from '../../common/access.js';

const ListQuerySchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).default('month'),
  at: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
});

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: "Teams' targets for a period, with when each was reached" })
  @ApiQuery({ name: 'period', enum: PERIOD_KINDS, required: false })
  @ApiQuery({ name: 'at', required: false, description: 'YYYY-MM-DD in the office time zone; default today' })
  list(@Query() query: unknown): Promise<TeamTarget[]> {
    const q = parseOrThrow(ListQuerySchema, query);
    return this.targets.list(q.period, q.at);
  }

  @Put()
  @ApiOperation({ summary: "Set (or with points: null, remove) a team's target for a period; reaching it earns the team bonus once" })
  @ApiBody({ schema: jsonSchema(SetTeamTargetSchema) })
  @Audit({ action: 'target.set', target: (req) => teamIdOf(req.body) })
  set(@Body() body: unknown): Promise<TeamTarget | null> {
    return this.targets.set(parseOrThrow(SetTeamTargetSchema, body));
  }
}

/** The team a target request names, for the audit log (the body may be anything). */
function teamIdOf(body: unknown): string | null {
  const teamId = (body as { teamId?: unknown } | null)?.teamId;
  return typeof teamId === 'string' && teamId !== '' ? teamId : null;
}
