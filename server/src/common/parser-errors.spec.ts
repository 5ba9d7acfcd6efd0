import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { answerParserErrors } from './parser-errors.js';

let server: Server | undefined;

async function listen(): Promise<number> {
  server = createServer((_req, res) => res.end('ok'));
  answerParserErrors(server);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function send(port: number, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/events', headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text: Buffer.concat(parts).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("requests Node's parser refuses", () => {
  it('answer a header over 16 KB with 431 in the error contract', async () => {
    const port = await listen();
    const res = await send(port, { 'x-huge': 'h'.repeat(20_000) });
    expect(res.status).toBe(431);
    expect(res.type).toContain('application/json');
    expect(JSON.parse(res.text)).toMatchObject({ code: 'request.too_large', errors: [{ field: 'headers' }] });
  });

  it('still answer when the client was sending a body behind the huge header', async () => {
    const port = await listen();
    const body = Buffer.alloc(4 * 1024 * 1024, 0x41);
    const res = await send(
      port,
      { 'x-huge': 'h'.repeat(20_000), 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    );
    expect(res.status).toBe(431);
  });

  it('answer a malformed header with 400 in the error contract', async () => {
    const port = await listen();
    const { connect } = await import('node:net');
    const text = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let got = '';
      socket.on('data', (c: Buffer) => (got += c.toString()));
      socket.on('close', () => resolve(got));
    });
    expect(text).toMatch(/^HTTP\/1.1 400 Bad Request/);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'request.malformed' });
  });
});
