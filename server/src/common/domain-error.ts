import { why, type ErrorCode, type FieldError } from '@conveyor/shared';

/** What kind of refusal it is, independent of transport; one filter maps each kind to an HTTP status. */
export type DomainErrorKind =
  | 'malformed'
  | 'too_large'
  | 'unsupported_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many'
  /** The database (or what the request needs) does not answer now: a retry later may succeed. */
  | 'unavailable';

/** The stable code of a refusal that names nothing more precise (`withCode` names it). */
const GENERIC_CODE: Record<DomainErrorKind, ErrorCode> = {
  malformed: 'request.malformed',
  too_large: 'request.too_large',
  unsupported_type: 'request.malformed',
  unauthenticated: 'auth.required',
  forbidden: 'auth.forbidden',
  not_found: 'request.not_found',
  conflict: 'request.conflict',
  unprocessable: 'request.unprocessable',
  too_many: 'request.too_many',
  unavailable: 'db.unavailable',
};

export class DomainError extends Error {
  /** The stable code screens translate by (`ApiError.code`). */
  code: ErrorCode;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly errors: FieldError[] = [],
    /** too_many: seconds until a retry may succeed (Retry-After). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = GENERIC_CODE[kind];
  }

  /** Names the refusal precisely, e.g. `auth.wrong_password`. */
  withCode(code: ErrorCode): this {
    this.code = code;
    return this;
  }

  static malformed(errors: FieldError[], message = 'The request is malformed'): DomainError {
    return new DomainError('malformed', message, errors);
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError('not_found', `${what} "${id}" does not exist`, [
      { index: 0, field: 'id', reason: `no ${what.toLowerCase()} with id "${id}"`, why: why('not_found', { id }) },
    ]);
  }
}

export const STATUS_OF: Record<DomainErrorKind, number> = {
  malformed: 400,
  too_large: 413,
  unsupported_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many: 429,
  unavailable: 503,
};
