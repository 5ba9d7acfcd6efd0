import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ClosingSettingsSchema,
  PERIOD_KINDS,
  PostponeSchema,
  RewardInputSchema,
  type ClosingSettings,
  type EarnedGrade,
  type PeriodDetail,
  type PeriodSummary,
  type Reward,
  type RewardGrant,
} from '@conveyor/shared';
import { z } from 'zod';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { PeriodsAdmin } from './periods.admin.js';
import { PeriodsReader } from './periods.reader.js';
import { RewardsService } from './rewards.service.js';
import { Access, READERS, Audit } from '../../common/access.js';

const ListPeriodsSchema = z.strictObject({
  period: z.enum(PERIOD_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(24),
});
const RewardsQuerySchema = z.strictObject({ period: z.enum(PERIOD_KINDS).optional() });
const LimitSchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const EarnedQuerySchema = z.strictObject({ employeeId: z.string().trim().min(1).max(128) });

@ApiTags('periods')
@ApiBearerAuth()
@Controller()
export class PeriodsController {
  constructor(
    private readonly periods: PeriodsReader,
    private readonly admin: PeriodsAdmin,
    private readonly rewards: RewardsService,
  ) {}

  @Get('periods')
  @Access(...READERS)
  @ApiOperation({ summary: 'Periods from the first activity to now, newest first: status (open, grace, closed), closing time, grants' })
  @ApiQuery({ name: 'period', enum: PERIOD_KINDS, required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 24' })
  list(@Query() query: unknown): Promise<PeriodSummary[]> {
    const q = parseOrThrow(ListPeriodsSchema, query);
    return this.periods.list(q.period, q.limit);
  }

  @Get('periods/:key')
  @Access(...READERS)
  @ApiOperation({
    summary: 'One period by key (2026, 2026-Q4, 2026-11): frozen standings, winners, grants, earned grades, after-close adjustments',
  })
  get(@Param('key') key: string): Promise<PeriodDetail> {
    return this.periods.detail(key);
  }

  @Post('periods/:key/close')
  @HttpCode(200)
  @Audit({ action: 'period.close', before: (ref, req) => ref.get(PeriodsReader, { strict: false }).summary(String(req.params.key)) })
  @ApiOperation({ summary: 'Close an ended period now, before its grace window is over (409 if closed already)' })
  close(@Param('key') key: string): Promise<PeriodDetail> {
    return this.admin.closeEarly(key);
  }

  @Post('periods/:key/postpone')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the closing of a period later, up to 7 days after its end' })
  @ApiBody({ schema: jsonSchema(PostponeSchema) })
  @Audit({ action: 'period.postpone', before: (ref, req) => ref.get(PeriodsReader, { strict: false }).summary(String(req.params.key)) })
  postpone(@Param('key') key: string, @Body() body: unknown): Promise<PeriodSummary> {
    return this.admin.postpone(key, parseOrThrow(PostponeSchema, body).until);
  }

  @Get('settings/closing')
  @Access(...READERS)
  @ApiOperation({ summary: 'The grace window for late events after a period ends (default 24 h)' })
  closingSettings(): Promise<ClosingSettings> {
    return this.periods.closingSettings();
  }

  @Put('settings/closing')
  @ApiOperation({ summary: 'Set the grace window; periods already closed stay closed' })
  @ApiBody({ schema: jsonSchema(ClosingSettingsSchema) })
  @Audit({ action: 'closing.set-grace', target: () => null, before: (ref) => ref.get(PeriodsReader, { strict: false }).closingSettings() })
  setClosingSettings(@Body() body: unknown): Promise<ClosingSettings> {
    return this.admin.setClosingSettings(parseOrThrow(ClosingSettingsSchema, body).graceHours);
  }

  @Get('rewards')
  @Access(...READERS)
  @ApiOperation({ summary: 'Reward definitions by period kind, board and place' })
  @ApiQuery({ name: 'period', enum: PERIOD_KINDS, required: false })
  listRewards(@Query() query: unknown): Promise<Reward[]> {
    return this.rewards.list(parseOrThrow(RewardsQuerySchema, query).period);
  }

  @Post('rewards')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a reward for a place on a board when each month, quarter or year closes (409 if the place has one)' })
  @ApiBody({ schema: jsonSchema(RewardInputSchema) })
  @Audit({ action: 'reward.create', target: () => null })
  createReward(@Body() body: unknown): Promise<Reward> {
    return this.rewards.create(parseOrThrow(RewardInputSchema, body));
  }

  @Put('rewards/:id')
  @ApiOperation({ summary: 'Replace a reward; grants already made keep the title they were given' })
  @ApiBody({ schema: jsonSchema(RewardInputSchema) })
  @Audit({
    action: 'reward.update',
    before: async (ref, req) => (await ref.get(RewardsService, { strict: false }).list()).find((r) => r.id === req.params.id),
  })
  updateReward(@Param('id') id: string, @Body() body: unknown): Promise<Reward> {
    return this.rewards.update(id, parseOrThrow(RewardInputSchema, body));
  }

  @Delete('rewards/:id')
  @HttpCode(204)
  @Audit({
    action: 'reward.delete',
    before: async (ref, req) => (await ref.get(RewardsService, { strict: false }).list()).find((r) => r.id === req.params.id),
  })
  @ApiOperation({ summary: 'Remove a reward; grants already made stay' })
  async removeReward(@Param('id') id: string): Promise<void> {
    await this.rewards.remove(id);
  }

  @Post('grants/:id/hand-out')
  @HttpCode(200)
  @Audit({ action: 'grant.hand-out' })
  @ApiOperation({ summary: 'Mark a granted reward as handed out (idempotent)' })
  handOut(@Param('id') id: string): Promise<RewardGrant> {
    return this.admin.handOut(id);
  }

  @Get('hall-of-fame')
  @Access(...READERS)
  @ApiOperation({ summary: 'The latest reward grants, newest first' })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 50' })
  hallOfFame(@Query() query: unknown): Promise<RewardGrant[]> {
    return this.periods.hallOfFame(parseOrThrow(LimitSchema, query).limit);
  }

  @Get('grades/earned')
  @Access(...READERS)
  @ApiOperation({ summary: "An employee's earned grades, one per closed ladder window, newest first" })
  @ApiQuery({ name: 'employeeId', required: true })
  earned(@Query() query: unknown): Promise<EarnedGrade[]> {
    return this.periods.earnedGrades(parseOrThrow(EarnedQuerySchema, query).employeeId);
  }
}
