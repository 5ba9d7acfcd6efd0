import type { z } from 'zod';
import type { FieldError } from './api-error.js';
import { isFieldReasonCode, why, type FieldReason } from './field-reasons.js';

/**
 * Turns zod issues into field errors a person can act on: the English `reason`, and `why` as data.
 * `input`, the value that was parsed, tells a missing field from a null or a wrong-typed one (zod
 * leaves the value out of its issues).
 */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], index = 0, prefix = '', input?: unknown): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          index,
          field: fieldName(prefix, [...issue.path, key]),
          reason: 'is not a known field',
          why: why('unknown_field'),
        }))
      : [{ index, field: fieldName(prefix, issue.path) || 'body', ...explain(issue, valueAt(issue, input)) }],
  );
}

/** The reason of one issue, in English and as data: what a screen says it by. */
export function issueReason(issue: z.core.$ZodIssue, input?: unknown): { reason: string; why: FieldReason } {
  return explain(issue, valueAt(issue, input));
}

function fieldName(prefix: string, path: readonly PropertyKey[]): string {
  const parts = [prefix, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))].filter(Boolean);
  return parts.join('.').replace(/\.\[/g, '[');
}

const MISSING = Symbol('missing');

/** The value the issue is about: the one zod kept (`reportInput`), or the one at its path in `input`. */
function valueAt(issue: z.core.$ZodIssue, input: unknown): unknown {
  if ('input' in issue) return issue.input;
  if (input === undefined) return MISSING;
  let value: unknown = input;
  for (const key of issue.path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const num = (value: unknown): number => Number(value);

function explain(issue: z.core.$ZodIssue, value: unknown): { reason: string; why: FieldReason } {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === MISSING) return { reason: 'is required', why: why('required') };
      if (value === null) return { reason: 'must not be null', why: why('not_null') };
      return { reason: `must be ${article(issue.expected)}`, why: why('wrong_type', { expected: issue.expected }) };
    case 'too_small': {
      const min = num(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1
          ? { reason: 'must not be empty', why: why('empty') }
          : { reason: `must be at least ${min} characters`, why: why('too_short', { min }) };
      if (issue.origin === 'array') return { reason: `must contain at least ${min} item(s)`, why: why('too_few_items', { min }) };
      const inclusive = issue.inclusive === true;
      return { reason: inclusive ? `must be at least ${min}` : `must be greater than ${min}`, why: why('too_small', { min, inclusive }) };
    }
    case 'too_big': {
      const max = num(issue.maximum);
      if (issue.origin === 'string') return { reason: `must be at most ${max} characters`, why: why('too_long', { max }) };
      if (issue.origin === 'array') return { reason: `must contain at most ${max} items`, why: why('too_many_items', { max }) };
      const inclusive = issue.inclusive === true;
      return { reason: inclusive ? `must be at most ${max}` : `must be less than ${max}`, why: why('too_big', { max, inclusive }) };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v)).join(', ');
      return { reason: `must be one of: ${values}`, why: why('one_of', { values }) };
    }
    case 'invalid_format':
      return { reason: issue.message, why: formatReason(issue.format) };
    case 'invalid_union': {
      // A union of text formats (a date, or a date-time) is refused as its formats are.
      const formats = issue.errors.flat().map((i) => (i.code === 'invalid_format' ? formatReason(i.format).code : null));
      const code = formats.length > 0 && formats.every((c) => c !== null && c === formats[0]) ? formats[0]! : 'other';
      return { reason: issue.message, why: why(code) };
    }
    case 'custom':
      return { reason: issue.message, why: customReason(issue.params) };
    default:
      return { reason: issue.message, why: why('other') };
  }
}

function formatReason(format: string): FieldReason {
  if (format === 'datetime' || format === 'date') return why('not_a_date');
  if (format === 'url') return why('url');
  if (format === 'email') return why('email');
  return why('wrong_format', { format });
}

/**
 * A custom issue's reason, as its refinement put it in `params.why`: `{ code, params }`. Refinements
 * that give none are `other`.
 */
function customReason(params: Record<string, unknown> | undefined): FieldReason {
  const given = params?.why as { code?: unknown; params?: unknown } | undefined;
  if (!given || !isFieldReasonCode(given.code)) return why('other');
  const values = typeof given.params === 'object' && given.params !== null ? (given.params as FieldReason['params']) : undefined;
  return why(given.code, values);
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number';
  if (expected === 'array') return 'an array';
  if (expected === 'object') return 'an object';
  return `a ${expected}`;
}
