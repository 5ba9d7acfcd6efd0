import type { FieldReason } from './field-reasons.js';
import type { ErrorCode } from './reasons.js';

/** One reason a request was refused. `index` is the 0-based position in a batch (0 for a single item). */
export interface FieldError {
  index: number;
  field: string;
  /** The English fallback for API clients and logs; screens say `why`. */
  reason: string;
  /** Why, as data: a code and its params, for screens to say in the viewer's language. */
  why?: FieldReason;
  /** What is wrong with the field, when a batch may hold several kinds of refusal. */
  code?: ErrorCode;
}

/** The body of every refused request (4xx and 5xx). */
export interface ApiError {
  /** A stable code screens translate by (PRODUCT.md, "Reasons are data"); `message` is the English fallback. */
  code: ErrorCode;
  message: string;
  errors: FieldError[];
}
