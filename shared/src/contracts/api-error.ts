/** One reason a request was refused. `index` is the 0-based position in a batch (0 for a single item). */
export interface FieldError {
  index: number;
  field: string;
  reason: string;
}

/** The body of every refused request (4xx and 5xx). */
export interface ApiError {
  message: string;
  errors: FieldError[];
}
