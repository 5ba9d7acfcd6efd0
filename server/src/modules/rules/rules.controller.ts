import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateRuleVersionSchema, type RuleVersion } from '@conveyor/shared';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { RulesService } from './rules.service.js';
import { Access, READERS, Audit } from '../../common/access.js';

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
}
