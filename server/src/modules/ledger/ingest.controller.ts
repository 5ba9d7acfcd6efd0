import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  ActivityEventInputSchema,
  MAX_BATCH,
  parseEventBatch,
  VoidEventSchema,
  type IngestResult,
  type VoidPreview,
  type VoidResult,
} from '@conveyor/shared';
import { parseOrThrow } from '../../common/parse.js';
import { DomainError } from '../../common/domain-error.js';
import { jsonSchema } from '../../common/openapi.js';
import { EventsService } from './events.service.js';
import { IngestService } from './ingest.service.js';
import { RateLimiter } from '../../common/rate-limit.js';
import { RedisLink } from '../../core/redis.js';
import { Access, type Principal, Audit, Caller } from '../../common/access.js';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class IngestController {
  /** Per caller, shared by the instances: 1,000 requests a second, and 2,000 more in 2 s for bursts (a runaway CRM loop, not the office's pace). */
  private readonly limiter: RateLimiter;

  constructor(
    private readonly ingest: IngestService,
    redis: RedisLink,
  ) {
    this.limiter = new RateLimiter({ name: 'ingest', points: 1_000, seconds: 1, burst: { points: 2_000, seconds: 2 } }, redis.client);
  }

  @Post()
  @HttpCode(200)
  @Access('integration')
  @ApiOperation({
    summary: `Send one activity event or an array of up to ${MAX_BATCH}`,
    description:
      'Idempotent by event id: the same id with the same body answers as the first time and counts once; with a different body it is a 409. ' +
      'A request with any bad item is refused whole (400 malformed, 409 id conflict, 422 unknown employee or future time), listing every bad item; nothing of it is stored. 200 means committed.',
  })
  @ApiBody({
    schema: {
      oneOf: [jsonSchema(ActivityEventInputSchema), { type: 'array', maxItems: MAX_BATCH, items: jsonSchema(ActivityEventInputSchema) }],
    },
  })
  @ApiResponse({ status: 200, description: '{ count, events: [{ id, receivedAt }] }, the same on every retry' })
  async post(@Body() body: unknown, @Caller() who: Principal): Promise<IngestResult> {
    const wait = await this.limiter.take(`${who.role}:${who.credentialId}`);
    if (wait > 0)
      throw new DomainError('too_many', 'Too many requests; slow down', [{ index: 0, field: 'body', reason: `retry in ${wait} s` }], wait);
    const parsed = parseEventBatch(body);
    if (!parsed.ok)
      throw DomainError.malformed(
        parsed.errors,
        `${new Set(parsed.errors.map((e) => e.index)).size} event(s) malformed; nothing was stored`,
      );
    return this.ingest.ingest(parsed.events);
  }

  @Get(':id/void-preview')
  @ApiOperation({
    summary: 'What voiding an event would take away: the entries a void would append, rehearsed and rolled back; changes nothing',
  })
  voidPreview(@Param('id') id: string): Promise<VoidPreview> {
    return this.ingest.voidPreview(id);
  }

  @Post(':id/void')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Void an event (a correction): compensating entries reverse every award it caused, including relay and threshold bonuses that no longer hold',
    description: 'Needs a reason. Voiding again answers as the first time. The id stays taken. 404 for an unknown id.',
  })
  @ApiBody({ schema: jsonSchema(VoidEventSchema) })
  // The log keeps the event as it was (type, person, client, amount), so it can say what was voided.
  @Audit({ action: 'event.void', before: (ref, req) => ref.get(EventsService, { strict: false }).summary(String(req.params.id)) })
  void(@Param('id') id: string, @Body() body: unknown): Promise<VoidResult> {
    return this.ingest.void(id, parseOrThrow(VoidEventSchema, body).reason);
  }
}
