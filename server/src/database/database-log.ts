import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';

/**
 * TypeORM's messages through the app's logger, so LOG_FORMAT=json keeps one JSON object per line
 * (TypeORM's own console logger prints plain lines). A query that failed because the database does
 * not answer is not logged once per query: the error filter says that once per 10 s.
 */
export class DatabaseLog implements TypeOrmLogger {
  private readonly out = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    if (isDatabaseUnavailable(typeof error === 'string' ? new Error(error) : error)) return;
    const message = typeof error === 'string' ? error : error.message;
    const params = parameters && parameters.length > 0 ? ` -- PARAMETERS: ${JSON.stringify(parameters)}` : '';
    this.out.error(`query failed: ${message} -- ${query}${params}`);
  }

  logQuerySlow(): void {}

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.out.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn(String(message));
    else this.out.log(String(message));
  }
}
