import { expect } from 'vitest';

// vitest types its asymmetric matchers as `any`; these say what they match, typed `unknown`.
export const stringContaining = (text: string): unknown => expect.stringContaining(text);
export const objectContaining = (fields: Record<string, unknown>): unknown => expect.objectContaining(fields);
export const arrayContaining = (items: readonly unknown[]): unknown => expect.arrayContaining(items as unknown[]);
