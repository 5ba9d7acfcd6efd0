import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeSummary } from '@conveyor/shared';
import { DomainError } from '../../common/domain-error.js';
import { MeService } from './me.service.js';
import { Access, type Principal, Caller } from '../../common/access.js';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @Access('employee')
  @ApiOperation({
    summary:
      "The signed-in employee's numbers: today and the norm, this month, their place among their role (two above, two below), their team, recent awards",
  })
  get(@Caller() who: Principal): Promise<MeSummary> {
    if (who.role !== 'employee')
      throw new DomainError('forbidden', 'Only employees have a /me page', [
        { index: 0, field: 'authorization', reason: `a ${who.role} has no employee record` },
      ]).withCode('auth.forbidden');
    return this.me.summary(who.id);
  }
}
