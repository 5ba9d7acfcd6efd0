import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.dispose());

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

describe('Content-Security-Policy (docs/security.md)', () => {
  it.each(['/', '/tv', '/me', '/admin', '/api/health'])(
    '%s allows scripts from this server only: no inline script, no eval',
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      const scripts = csp.get('script-src') ?? csp.get('default-src');
      expect(scripts).toEqual(["'self'"]);
      expect(csp.get('script-src-attr') ?? ["'none'"]).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      for (const values of csp.values()) {
        expect(values).not.toContain("'unsafe-eval'");
        expect(values).not.toContain('*');
      }
    },
  );

  it("serves pages whose scripts are all files, so the policy needs no 'unsafe-inline' for them", async () => {
    for (const path of ['/', '/tv', '/me', '/admin']) {
      const html = await (await fetch(`${server.url}${path}`)).text();
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toMatch(/\bsrc="\/[^"]+"/);
      expect(html, path).not.toMatch(/<[^>]+\son[a-z]+\s*=/i); // no inline event handlers
      expect(html, path).not.toMatch(/javascript:/i);
    }
  });
});
