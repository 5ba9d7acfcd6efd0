import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Access, type AuthedRequest } from '../../common/access.js';
import { DomainError } from '../../common/domain-error.js';
import { metricsRegistry } from '../../common/metrics.js';
import { AppConfig } from '../../config/config.js';

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Prometheus metrics at `/metrics` (outside `/api`, where scrapers look). Read by managers and by
 * the scrape token (METRICS_TOKEN, a bearer token that opens nothing else); the figures tell how busy
 * the office is, so they are not public. Checking the token needs no database, so a scrape still
 * answers while the database is down.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  private readonly scrapeToken: Buffer | null;

  constructor(config: AppConfig) {
    this.scrapeToken = config.metricsToken ? sha256(config.metricsToken) : null;
  }

  @Get()
  @Access('public')
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({
    summary: 'Prometheus metrics: events taken in, ingest latency, live sockets, event-loop lag, HTTP answers, the process',
    description: 'For managers, and for the bearer token METRICS_TOKEN (a scrape token that opens nothing else).',
  })
  async get(@Req() req: AuthedRequest): Promise<string> {
    if (!this.mayRead(req)) {
      if (!req.principal)
        throw new DomainError('unauthenticated', 'Send the scrape token or sign in as a manager', [
          { index: 0, field: 'authorization', reason: 'no session and no valid bearer token' },
        ]).withCode('auth.required');
      throw new DomainError('forbidden', 'Metrics are for managers and the scrape token', [
        { index: 0, field: 'authorization', reason: 'needs manager or METRICS_TOKEN' },
      ]).withCode('auth.forbidden');
    }
    return metricsRegistry.metrics();
  }

  private mayRead(req: AuthedRequest): boolean {
    if (req.principal?.role === 'manager') return true;
    const token = this.presentedToken(req);
    return this.scrapeToken !== null && token !== undefined && timingSafeEqual(sha256(token), this.scrapeToken);
  }

  private presentedToken(req: AuthedRequest): string | undefined {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return m?.[1];
  }
}
