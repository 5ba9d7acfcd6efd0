import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateRuleVersionSchema, RulePreviewRequestSchema, type RulePreview, type RuleVersion } from '@conveyor/shared';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { Access, READERS } from '../auth/access.js';
import { Audit } from '../auth/audit.js';
import { RulesService } from './rules.service.js';

@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: 'Every rule version with the date it takes effect; awards carry the version they were scored with' })
  list(): Promise<RuleVersion[]> {
    return this.rules.list();
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Add a version from a date on (default now, never earlier): numbers not given come from the version in effect then',
  })
  @ApiBody({ schema: jsonSchema(CreateRuleVersionSchema) })
  @Audit({
    action: 'rules.add-version',
    target: () => null,
    before: async (ref) => (await ref.get(RulesService, { strict: false }).list()).at(-1),
  })
  create(@Body() body: unknown): Promise<RuleVersion> {
    return this.rules.create(parseOrThrow(CreateRuleVersionSchema, body));
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay a period under proposed numbers and compare with the real standings; writes nothing' })
  @ApiBody({ schema: jsonSchema(RulePreviewRequestSchema) })
  preview(@Body() body: unknown): Promise<RulePreview> {
    return this.rules.preview(parseOrThrow(RulePreviewRequestSchema, body));
  }
}
