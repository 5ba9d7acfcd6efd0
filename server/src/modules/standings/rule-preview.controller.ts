import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RulePreviewRequestSchema, type RulePreview } from '@conveyor/shared';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { RulePreviewService } from './rule-preview.service.js';

/** `POST /rules/preview` lives with the standings it compares, not with the rule versions it never writes. */
@ApiTags('rules')
@ApiBearerAuth()
@Controller('rules')
export class RulePreviewController {
  constructor(private readonly previews: RulePreviewService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay a period under proposed numbers and compare with the real standings; writes nothing' })
  @ApiBody({ schema: jsonSchema(RulePreviewRequestSchema) })
  preview(@Body() body: unknown): Promise<RulePreview> {
    return this.previews.preview(parseOrThrow(RulePreviewRequestSchema, body));
  }
}
