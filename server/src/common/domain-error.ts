import type { FieldError } from '@conveyor/shared';

/** What went wrong, independent of transport; one filter maps each code to an HTTP status. */
export type DomainErrorCode = 'malformed' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'too_many';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** too_many: seconds until a retry may succeed (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static malformed(errors: FieldError[], message = 'The request is malformed'): DomainError {
    return new DomainError('malformed', message, errors);
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError('not_found', `${what} "${id}" does not exist`, [
      { index: 0, field: 'id', reason: `no ${what.toLowerCase()} with id "${id}"` },
    ]);
  }
}

export const STATUS_OF: Record<DomainErrorCode, number> = {
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many: 429,
};
