import { Body, Controller, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InstantSchema } from '@conveyor/shared';
import { z } from 'zod';
import { Clock, ManualClock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { parseOrThrow } from '../../common/parse.js';
import { PeriodCloser } from './period-closer.js';

const SetClockSchema = z.strictObject({ now: InstantSchema });

/**
 * Tests and simulations: moves the manual clock (CONVEYOR_CLOCK) forward and closes whatever
 * became due, answering when that is done. Without a manual clock the route does not exist (404).
 */
@ApiTags('dev')
@ApiBearerAuth()
@Controller('dev')
export class DevClockController {
  constructor(
    private readonly clock: Clock,
    private readonly closer: PeriodCloser,
  ) {}

  @Put('clock')
  @ApiOperation({ summary: 'Only with CONVEYOR_CLOCK set: move the manual clock forward and close the periods that became due' })
  async set(@Body() body: unknown): Promise<{ now: string; closed: string[] }> {
    if (!(this.clock instanceof ManualClock)) throw new DomainError('not_found', 'Cannot PUT /api/dev/clock').withCode('route.not_found');
    const to = new Date(parseOrThrow(SetClockSchema, body).now);
    if (to < this.clock.now()) {
      throw new DomainError('unprocessable', 'The clock only moves forward', [
        { index: 0, field: 'now', reason: `must not be before ${this.clock.now().toISOString()}` },
      ]).withCode('clock.backwards');
    }
    this.clock.set(to);
    return { now: this.clock.now().toISOString(), closed: await this.closer.tick() };
  }
}
