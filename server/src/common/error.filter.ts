import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ApiError } from '@conveyor/shared';
import type { Response } from 'express';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { DomainError, STATUS_OF } from './domain-error.js';
import { databaseUnavailable } from './metrics.js';

/** The one place errors become HTTP: domain codes map to statuses, everything answers `ApiError`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');
  /** When the database was last said to be unreachable: once per 10 s is enough for a log. */
  private lastUnavailableLog = 0;

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toResponse(error);
    if (error instanceof DomainError && error.retryAfter !== undefined) res.setHeader('Retry-After', String(error.retryAfter));
    if (status === 503) res.setHeader('Retry-After', '5');
    res.status(status).json(body);
  }

  private toResponse(error: unknown): [number, ApiError] {
    if (error instanceof DomainError) return [STATUS_OF[error.kind], { code: error.code, message: error.message, errors: error.errors }];
    const parserError = error as { type?: string; status?: number; message?: string };
    if (parserError.type === 'entity.parse.failed') {
      return [
        400,
        {
          code: 'request.malformed',
          message: 'The body is not valid JSON',
          errors: [{ index: 0, field: 'body', reason: `malformed JSON: ${parserError.message ?? ''}` }],
        },
      ];
    }
    if (parserError.type === 'entity.too.large') {
      return [
        413,
        {
          code: 'request.too_large',
          message: 'The body is too large',
          errors: [{ index: 0, field: 'body', reason: 'must be at most 5 MB' }],
        },
      ];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 404) return [404, { code: 'route.not_found', message: 'No such endpoint', errors: [] }];
      // Express's body parser refuses malformed JSON before any handler runs.
      if (status === 400)
        return [
          400,
          {
            code: 'request.malformed',
            message: 'The body is not valid JSON',
            errors: [{ index: 0, field: 'body', reason: error.message }],
          },
        ];
      return [status, { code: status >= 500 ? 'server.error' : 'request.malformed', message: error.message, errors: [] }];
    }
    if (isDatabaseUnavailable(error)) {
      // An event is acknowledged only after its commit, so a 503 acknowledges nothing: the sender retries under the same id.
      databaseUnavailable.inc();
      if (Date.now() - this.lastUnavailableLog > 10_000) {
        this.lastUnavailableLog = Date.now();
        this.log.error(`the database does not answer: ${error instanceof Error ? error.message : String(error)}`);
      }
      return [503, { code: 'db.unavailable', message: 'The database is not answering; try again shortly', errors: [] }];
    }
    this.log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return [500, { code: 'server.error', message: 'Internal server error', errors: [] }];
  }
}
