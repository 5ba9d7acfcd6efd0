import { z } from 'zod';
import { StandingsQuerySchema } from '../contracts/standings.js';
import type { SubscribeRequest } from './live.js';

/** Validates a `subscribe` / `unsubscribe` payload (the server's side of the live protocol). */
export const SubscribeRequestSchema = z.strictObject({
  boards: z.array(StandingsQuerySchema).min(1).max(20),
}) satisfies z.ZodType<unknown, SubscribeRequest>;
