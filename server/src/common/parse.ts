import { issuesToFieldErrors } from '@conveyor/shared';
import type { z } from 'zod';
import { DomainError } from './domain-error.js';

/** Parses input with a shared schema, or throws a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, message = 'The request is malformed'): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw DomainError.malformed(issuesToFieldErrors(parsed.error.issues, 0, '', input), message);
}
