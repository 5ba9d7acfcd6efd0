import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

// The pages no other browser test opens in Russian: the landing page and a phone without a session.
// Every other page is checked where its own test takes its screenshots (test/e2e/*.test.ts).

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: RunningServer;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
}, 60_000);
afterAll(() => server?.dispose());

describe('pages a first visitor sees, in Russian', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  for (const [path, testId, width, height] of [
    ['/', 'landing', 1440, 900],
    ['/', 'landing', 390, 844],
    ['/me', 'me-signed-out', 390, 844],
  ] as const) {
    it(`${path} at ${width}×${height} reads in Russian and passes the accessibility check`, async () => {
      browser = await launchBrowser({ width, height, locale: 'ru-RU', now: TEST_NOW });
      const page = await browser.context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(testId).waitFor();
      await page.screenshot({ path: `${SHOTS}a11y-${testId}-${width}-ru.png`, fullPage: true });
      await expectAccessible(page, `${testId} at ${width}`);
      const problems = await screenProblems(page, 'ru');
      if (problems.length > 0) throw new Error(`${testId}: ${JSON.stringify(problems, null, 2)}`);
      await browser.close();
    });
  }
});
