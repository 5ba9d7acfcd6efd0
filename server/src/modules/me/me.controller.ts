import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalyticsQuerySchema, MeHistoryQuerySchema, type MeFunnel, type MeHistory, type MeSummary } from '@conveyor/shared';
import { parseOrThrow } from '../../common/parse.js';
import { FunnelReports } from '../analytics/funnel.reports.js';
import { DomainError } from '../../common/domain-error.js';
import { MeService } from './me.service.js';
import { Access, type Principal, Caller } from '../../common/access.js';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly funnel: FunnelReports,
  ) {}

  @Get()
  @Access('employee')
  @ApiOperation({
    summary:
      "The signed-in employee's numbers: today and the norm, this month, their place among their role (two above, two below), their team, recent awards",
  })
  get(@Caller() who: Principal): Promise<MeSummary> {
    return this.me.summary(employeeOf(who));
  }

  @Get('history')
  @Access('employee')
  @ApiOperation({
    summary:
      "The signed-in employee's awards by office day, newest first, with each day's points and counts per rule; `before` (an office date) pages back, `days` (1–31, default 7) days that have awards",
  })
  history(@Caller() who: Principal, @Query() query: unknown): Promise<MeHistory> {
    const q = parseOrThrow(MeHistoryQuerySchema, query);
    return this.me.history(employeeOf(who), q.days, q.before);
  }

  @Get('funnel')
  @Access('employee')
  @ApiOperation({
    summary: "The signed-in employee's own stages beside the office median for their role, and the step that would help most",
  })
  myFunnel(@Caller() who: Principal, @Query() query: unknown): Promise<MeFunnel> {
    const q = parseOrThrow(AnalyticsQuerySchema, query);
    return this.funnel.me(employeeOf(who), q.period, q.at);
  }
}

/** The employee a caller is; managers and screens have no /me. */
function employeeOf(who: Principal): string {
  if (who.role !== 'employee')
    throw new DomainError('forbidden', 'Only employees have a /me page', [
      { index: 0, field: 'authorization', reason: `a ${who.role} has no employee record` },
    ]).withCode('auth.forbidden');
  return who.id;
}
