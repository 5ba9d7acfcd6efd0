import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/** The OpenAPI schema of a shared zod contract, so the docs and the validation never disagree. */
export function jsonSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as SchemaObject;
}
