import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GradeLadderSchema, type GradeLadder } from '@conveyor/shared';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { GradesService } from './grades.service.js';
import { Access, READERS, Audit } from '../../common/access.js';

@ApiTags('grades')
@ApiBearerAuth()
@Controller('grades')
export class GradesController {
  constructor(private readonly grades: GradesService) {}

  @Get()
  @Access(...READERS)
  @ApiOperation({ summary: 'The grade ladder: levels by rising point threshold over a window (default: the quarter)' })
  get(): Promise<GradeLadder> {
    return this.grades.ladder();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the ladder; every active team is re-graded in the current window' })
  @ApiBody({ schema: jsonSchema(GradeLadderSchema) })
  @Audit({ action: 'grades.set-ladder', target: () => null, before: (ref) => ref.get(GradesService, { strict: false }).ladder() })
  put(@Body() body: unknown): Promise<GradeLadder> {
    return this.grades.setLadder(parseOrThrow(GradeLadderSchema, body));
  }
}
