import type { ApiError, ErrorCode } from '@conveyor/shared';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused connection may keep sending what it had started before it is closed. */
const DRAIN_MS = 5_000;

/**
 * Requests that Node's own HTTP parser refuses before any route sees them (headers over 16 KB, a
 * malformed request line or header) answer in the error contract too, instead of Node's bare
 * status line. The connection is closed after the answer, but what the client is still sending is
 * read and dropped for a moment first, so the answer is not lost to a reset.
 */
export function answerParserErrors(server: Server): void {
  // The parser stays on the socket and refuses every further chunk the client sends: answered once, then drained.
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (answered.has(socket)) return;
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const code: ErrorCode = tooLarge ? 'request.too_large' : 'request.malformed';
    const body: ApiError = {
      code,
      message: tooLarge ? 'The request headers are too large' : 'The request is malformed',
      errors: [{ index: 0, field: 'headers', reason: tooLarge ? 'must be at most 16 KB in all' : 'not a valid HTTP request' }],
    };
    const text = JSON.stringify(body);
    answered.add(socket);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
    socket.on('error', () => socket.destroy());
    socket.resume();
    setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  });
}
