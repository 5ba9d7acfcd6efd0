import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AnalyticsQuerySchema,
  FUNNEL_STAGES,
  OfficeCalendarSchema,
  PERIOD_KINDS,
  type FunnelReport,
  type OfficeCalendar,
  type PersonFunnelHistory,
  type SignalsReport,
  type StageEvent,
  type WeakLinksReport,
} from '@conveyor/shared';
import { z } from 'zod';
import { Audit } from '../../common/access.js';
import { parseOrThrow } from '../../common/parse.js';
import { FunnelReports } from './funnel.reports.js';
import { FunnelTrail } from './funnel.trail.js';

const PersonQuerySchema = z.strictObject({ months: z.coerce.number().int().min(1).max(24).default(6) });
const StageEventsQuerySchema = AnalyticsQuerySchema.extend({ stage: z.enum(FUNNEL_STAGES) });

const periodQueries = [
  ApiQuery({ name: 'period', enum: PERIOD_KINDS, required: false }),
  ApiQuery({ name: 'at', required: false, description: 'YYYY-MM-DD in the office time zone; default today' }),
];
function PeriodQuery(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const d of periodQueries) d(target, key, descriptor);
  };
}

/** The conveyor's funnel, its weak links and fair-play signals: for managers only (never on the wall). */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller()
export class AnalyticsController {
  constructor(
    private readonly reports: FunnelReports,
    private readonly trail: FunnelTrail,
  ) {}

  @Get('analytics/funnel')
  @ApiOperation({
    summary:
      'Each stage of the conveyor (numerator, denominator, rate) for the office, each team and each person under the team they were in',
  })
  @PeriodQuery()
  funnel(@Query() query: unknown): Promise<FunnelReport> {
    const q = parseOrThrow(AnalyticsQuerySchema, query);
    return this.reports.funnel(q.period, q.at);
  }

  @Get('analytics/weak-links')
  @ApiOperation({
    summary:
      'Each person-stage below the rest of the role, tested (one-sided, Holm-corrected), with what the shortfall costs; significant first',
  })
  @PeriodQuery()
  weakLinks(@Query() query: unknown): Promise<WeakLinksReport> {
    const q = parseOrThrow(AnalyticsQuerySchema, query);
    return this.reports.weakLinks(q.period, q.at);
  }

  @Get('analytics/signals')
  @ApiOperation({
    summary: 'Fair-play questions for a manager: calls just over the line, bursts, backdated, self-reported and voided events',
  })
  @PeriodQuery()
  signals(@Query() query: unknown): Promise<SignalsReport> {
    const q = parseOrThrow(AnalyticsQuerySchema, query);
    return this.trail.signals(q.period, q.at);
  }

  @Get('analytics/people/:id')
  @ApiOperation({ summary: "A person's stages month by month over the last months (default 6)" })
  @ApiQuery({ name: 'months', required: false })
  person(@Param('id') id: string, @Query() query: unknown): Promise<PersonFunnelHistory> {
    return this.reports.person(id, parseOrThrow(PersonQuerySchema, query).months);
  }

  @Get('analytics/people/:id/events')
  @ApiOperation({ summary: "The events behind one of a person's stages in a period (newest first, at most 300)" })
  @ApiQuery({ name: 'stage', enum: FUNNEL_STAGES })
  @PeriodQuery()
  stageEvents(@Param('id') id: string, @Query() query: unknown): Promise<StageEvent[]> {
    const q = parseOrThrow(StageEventsQuerySchema, query);
    return this.trail.stageEvents(id, q.stage, q.period, q.at);
  }

  @Get('settings/calendar')
  @ApiOperation({
    summary: 'The office calendar: working weekdays, holidays and working weekend days (the denominator of successful calls a day)',
  })
  calendar(): Promise<OfficeCalendar> {
    return this.reports.calendar();
  }

  @Put('settings/calendar')
  @Audit({ action: 'calendar.update', target: () => 'calendar' })
  @ApiOperation({ summary: 'Sets the office calendar' })
  setCalendar(@Body() body: unknown): Promise<OfficeCalendar> {
    return this.reports.setCalendar(parseOrThrow(OfficeCalendarSchema, body));
  }
}
