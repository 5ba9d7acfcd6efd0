import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../../common/access.js';
import { DomainError } from '../../common/domain-error.js';
import { RateLimiter } from '../../common/rate-limit.js';
import { AppConfig } from '../../config/config.js';
import { RedisLink } from '../../core/redis.js';
import { Inbox, type HookCall } from './inbox.js';

/**
 * Where the connected systems post, each in its own format: `/api/hooks/<key>` (and what a system
 * appends to it, e.g. Mango's `/events/summary`). The key is the only credential some systems can
 * carry; where a system signs its requests, the signature is checked too.
 */
@ApiTags('integrations')
@Controller('hooks')
@Access('public')
export class HooksController {
  /** Per webhook address, shared by the instances: 500 a second, and 2,000 more in 4 s for bursts (a system replaying its history, not a runaway loop). */
  private readonly limiter: RateLimiter;

  constructor(
    private readonly inbox: Inbox,
    private readonly config: AppConfig,
    redis: RedisLink,
  ) {
    this.limiter = new RateLimiter({ name: 'hooks', points: 500, seconds: 1, burst: { points: 2_000, seconds: 4 } }, redis.client);
  }

  @Post([':key', ':key/*rest'])
  @ApiOperation({
    summary: "A system's webhook, in its own format",
    description: '401 (kept as refused) when the signature does not match; 404 for an unknown key (nothing kept).',
  })
  post(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.answer(key, req, res);
  }

  @Get([':key', ':key/*rest'])
  @ApiOperation({ summary: "A system's set-up check (Zadarma's zd_echo) or a delivery sent as a GET" })
  get(@Param('key') key: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.answer(key, req, res);
  }

  private async answer(key: string, req: Request, res: Response): Promise<void> {
    const wait = await this.limiter.take(key);
    if (wait > 0)
      throw new DomainError(
        'too_many',
        'Too many deliveries; slow down',
        [{ index: 0, field: 'body', reason: `retry in ${wait} s` }],
        wait,
      );
    const reply = await this.inbox.receive(callOf(key, req, this.config.publicUrl));
    res.status(reply.status).type(reply.contentType).send(reply.body);
  }
}

/** The call as the system made it; the URL as it addressed us (PUBLIC_URL behind a proxy: HubSpot signs it). */
function callOf(key: string, req: Request, publicUrl: string | null): HookCall {
  const rest = (req.params as Record<string, string | string[] | undefined>)['rest'];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') query[name] = first;
  }
  const body: unknown = req.body;
  return {
    key,
    subpath: Array.isArray(rest) ? rest.join('/') : (rest ?? ''),
    method: req.method,
    headers,
    query,
    rawBody: Buffer.isBuffer(body) ? body.toString('utf8') : '',
    url: `${publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host') ?? 'localhost'}`}${req.originalUrl}`,
  };
}
