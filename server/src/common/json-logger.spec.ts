import type { LogLevel } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { JsonLogger } from './json-logger.js';
import { requestContext, requestIdOf } from './request-context.js';
import type { NextFunction, Request, Response } from 'express';

const at = new Date('2026-11-25T09:00:00.000Z');

function capture(levels: LogLevel[]): { logger: JsonLogger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(
    levels,
    (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    () => at,
  );
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('prints one JSON object per line with time, level, context and message', () => {
    const { logger, lines } = capture(['warn', 'log']);
    logger.warn('refused GET /api/me from 10.0.0.7: not signed in', 'Auth');
    logger.log({ rows: 3 }, 'Import');
    expect(lines).toEqual([
      {
        time: at.toISOString(),
        level: 'warn',
        context: 'Auth',
        message: 'refused GET /api/me from 10.0.0.7: not signed in',
        pid: process.pid,
      },
      { time: at.toISOString(), level: 'log', context: 'Import', message: '{"rows":3}', pid: process.pid },
    ]);
  });

  it('keeps an error’s stack apart from its message, and prints only the levels asked for', () => {
    const { logger, lines } = capture(['error']);
    logger.debug('not shown', 'X');
    logger.warn('not shown either', 'X');
    logger.error('ingest failed', 'Error: boom\n    at somewhere', 'IngestService');
    expect(lines).toEqual([
      {
        time: at.toISOString(),
        level: 'error',
        context: 'IngestService',
        message: 'ingest failed',
        stack: 'Error: boom\n    at somewhere',
        pid: process.pid,
      },
    ]);
  });

  it('names the request being handled', () => {
    const { logger, lines } = capture(['log']);
    const res = { setHeader: () => undefined, once: () => undefined } as unknown as Response;
    const req = { headers: { 'x-request-id': 'nginx-5f3a' } } as unknown as Request;
    requestContext(true)(req, res, (() => logger.log('inside', 'Test')) as NextFunction);
    logger.log('outside', 'Test');
    expect(lines.map((l) => [l.message, l.requestId])).toEqual([
      ['inside', 'nginx-5f3a'],
      ['outside', undefined],
    ]);
  });
});

describe('requestIdOf', () => {
  it('keeps a proxy’s id when it looks like one, else makes a new one', () => {
    expect(requestIdOf('0f8e3a9c2b1d4e5f')).toBe('0f8e3a9c2b1d4e5f');
    expect(requestIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf('bad id with spaces\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf('x'.repeat(200))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
