import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, seedOffice } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser, type Browser } from './browser.js';

// What the office TV downloads on the built app: at most 150 KB of JavaScript gzipped, and neither
// the console's chart library nor its QR codes, nor the confetti before the first moment. How fast
// it paints is measured by bench/wall.mjs, not asserted here (no timing in tests).

const BUDGET_KB = 150;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: MANUAL_CLOCK });
  await seedOffice(new Api(server));
  browser = await launchBrowser({ width: 1920, height: 1080, locale: 'ru-RU', now: TEST_NOW });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('the TV page weighs little', () => {
  it(`loads at most ${BUDGET_KB} KB of JavaScript (gzipped), without the chart, QR or confetti code`, async () => {
    const page = await browser.context.newPage();
    // Every script the page fetches, as the network saw it (the pages' clock is the tests', so
    // performance entries are not to be relied on).
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${server.url}/tv?token=${encodeURIComponent(server.displayToken)}`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await page.locator('[data-testid^="team-row-"]').first().waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const url of scripts) gzipped += gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer()), { level: 9 }).length;
    const names = scripts.map((url) => new URL(url).pathname.split('/').pop() ?? '');
    expect(
      names.filter((name) => /^(echarts|qrcode|confetti)/.test(name)),
      names.join(', '),
    ).toEqual([]);
    expect(gzipped / 1024, `${names.join(', ')}: ${(gzipped / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(BUDGET_KB);
  });
});
