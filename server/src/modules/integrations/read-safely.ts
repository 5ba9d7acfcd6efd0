import type { Reading } from '../../domain/integrations/adapter.js';

/** An adapter that throws on a body it did not expect has read a malformed body. */
export function readSafely(read: () => Reading): Reading {
  try {
    return read();
  } catch (error) {
    return { kind: 'malformed', field: 'body', reason: error instanceof Error ? error.message : String(error) };
  }
}
