import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { seedFalcons, story } from '../helpers/worked-example.js';
import { launchBrowser, type Browser } from './browser.js';

// docs/scoring.md: the story's 2026 totals arrive live on a TV that shows the year.
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { OFFICE_LOCALE: 'en' } });
  await seedFalcons(new Api(server));
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

it('shows the worked example live on /tv (year view)', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/tv?token=${server.displayToken}&period=year&at=2026-10-01`);
  const falcons = page.getByTestId('team-row-falcons').getByTestId('team-points');
  await expect.poll(() => falcons.textContent()).toBe('0');

  // The story, then its last payment on its own: its awards are the newest in the ticker.
  expect((await new Api(server).postEvents(story.slice(0, -1))).status).toBe(200);
  expect((await new Api(server).postEvents(story.slice(-1))).status).toBe(200);

  await expect.poll(() => falcons.textContent(), { timeout: 10_000 }).toBe('1,231');
  await expect.poll(() => page.getByTestId('person-row-olga').getByTestId('person-points').textContent()).toBe('765');
  await expect.poll(() => page.getByTestId('person-row-igor').getByTestId('person-points').textContent()).toBe('385');
  await expect.poll(() => page.getByTestId('person-row-anna').getByTestId('person-points').textContent()).toBe('51');
  await expect
    .poll(() => page.getByTestId('ticker').getByText('Olga: client romashka paid 300,000 this quarter, retention bonus').count())
    .toBe(1);
  expect(await page.getByTestId('period-label').textContent()).toBe('2026');
  await page.screenshot({ path: `${SHOTS}tv-worked-example-year.png` });
});
