import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { httpRequests, statusClass } from './metrics.js';

/** What log lines written while a request is handled can say about it. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The request being handled, if the current code runs on behalf of one. */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

/** A proxy's `X-Request-Id` is kept when it looks like one (nginx's `$request_id`), else a new id is made. */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}

/**
 * Every request gets an id (answered in `X-Request-Id`) and is counted by status class once its
 * answer is finished. With `logIds` (LOG_FORMAT=json) the id is also carried by the log lines written
 * while the request is handled; only then is AsyncLocalStorage used, since on Node 20 it turns on
 * async hooks for every promise of the process, a cost the text logs have no use for.
 */
export function requestContext(logIds: boolean): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    res.once('finish', () => httpRequests.inc({ status: statusClass(res.statusCode) }));
    if (logIds) storage.run({ requestId }, next);
    else next();
  };
}
