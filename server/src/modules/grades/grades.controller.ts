import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GradeLadderSchema, type GradeLadder } from '@conveyor/shared';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { Access } from '../auth/access.js';
import { GradesService } from './grades.service.js';

@ApiTags('grades')
@ApiBearerAuth()
@Controller('grades')
export class GradesController {
  constructor(private readonly grades: GradesService) {}

  @Get()
  @Access('display')
  @ApiOperation({ summary: 'The grade ladder: levels by rising point threshold over a window (default: the quarter)' })
  get(): Promise<GradeLadder> {
    return this.grades.ladder();
  }

  @Put()
  @ApiOperation({ summary: 'Replace the ladder; every active team is re-graded in the current window' })
  @ApiBody({ schema: jsonSchema(GradeLadderSchema) })
  put(@Body() body: unknown): Promise<GradeLadder> {
    return this.grades.setLadder(parseOrThrow(GradeLadderSchema, body));
  }
}
