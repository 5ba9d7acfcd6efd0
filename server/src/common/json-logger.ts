import type { LoggerService, LogLevel } from '@nestjs/common';
import { currentRequest } from './request-context.js';

/** The fields of one log line in LOG_FORMAT=json. */
export interface LogLine {
  time: string;
  level: LogLevel;
  context?: string;
  message: string;
  requestId?: string;
  stack?: string;
  pid: number;
}

/**
 * LOG_FORMAT=json: one JSON object per line (time, level, context, message, the request id when a
 * request is being handled, the stack of an error), for log collectors. Errors go to stderr, the
 * rest to stdout, as with Nest's own logger.
 */
export class JsonLogger implements LoggerService {
  private levels: Set<LogLevel>;

  constructor(
    levels: LogLevel[],
    private readonly write: (line: string, level: LogLevel) => void = defaultWrite,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.levels = new Set(levels);
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.print('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.print('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.print('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.print('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.print('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.print('fatal', message, rest);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.levels = new Set(levels);
  }

  /** Nest passes (message, context) or, for errors, (message, stack, context). */
  private print(level: LogLevel, message: unknown, rest: unknown[]): void {
    if (!this.levels.has(level)) return;
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    let stack = level === 'error' || level === 'fatal' ? (strings.length > 1 ? strings[0] : undefined) : undefined;
    if (message instanceof Error) stack ??= message.stack;
    const line: LogLine = {
      time: this.now().toISOString(),
      level,
      ...(context !== undefined ? { context } : {}),
      message: text(message),
      ...(currentRequest() ? { requestId: currentRequest()!.requestId } : {}),
      ...(stack !== undefined ? { stack } : {}),
      pid: process.pid,
    };
    this.write(JSON.stringify(line), level);
  }
}

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  try {
    return JSON.stringify(message);
  } catch {
    return String(message);
  }
}

function defaultWrite(line: string, level: LogLevel): void {
  (level === 'error' || level === 'fatal' ? process.stderr : process.stdout).write(`${line}\n`);
}
