import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Award } from '@conveyor/shared';
import { tickerItems, tickerParts } from '../../client/src/lib/realtime/ticker.js';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { seedFalcons, story } from '../helpers/worked-example.js';
import { launchBrowser, type Browser } from './browser.js';

// docs/scoring.md: the story's 2026 totals arrive live on a TV that shows the year.
const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ env: { OFFICE_LOCALE: 'en', ...MANUAL_CLOCK } });
  await seedFalcons(new Api(server));
  browser = await launchBrowser({ now: TEST_NOW });
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
  // Waits on the rows' data-points, then checks the text they show.
  const points = (row: string, value: number) => page.locator(`[data-testid="${row}"][data-points="${value}"]`).waitFor();
  await points('team-row-falcons', 0);
  expect(await falcons.textContent()).toBe('0');

  // The story, then its last payment on its own: its awards are the newest in the ticker.
  expect((await new Api(server).postEvents(story.slice(0, -1))).status).toBe(200);
  expect((await new Api(server).postEvents(story.slice(-1))).status).toBe(200);

  await points('team-row-falcons', 1231);
  expect(await falcons.textContent()).toBe('1,231');
  for (const [person, value, text] of [
    ['olga', 765, '765'],
    ['igor', 385, '385'],
    ['anna', 51, '51'],
  ] as const) {
    await points(`person-row-${person}`, value);
    expect(await page.getByTestId(`person-row-${person}`).getByTestId('person-points').textContent()).toBe(text);
  }
  // The retention bonus, as the English office's ticker says it (from its reasonCode and params; the
  // client has no name, so the ticker leaves its id out).
  const recent = (await new Api(server).request<Award[]>('GET', '/awards/recent?limit=50')).body;
  const bonus = recent.find((award) => award.rule === 'account.retention_bonus');
  expect(bonus?.reasonCode).toBe('account.retention_bonus');
  const said = tickerParts(tickerItems([bonus!])[0]!, 'en')
    .map((part) => part.text)
    .join('');
  expect(said).toBe('Olga: retention bonus: payments in Q4 2026 reached ₽300,000');
  const retention = page.getByTestId('ticker').getByText(said);
  await retention.first().waitFor();
  expect(await retention.count()).toBe(1);
  expect(await page.getByTestId('period-label').textContent()).toBe('2026');
  await page.screenshot({ path: `${SHOTS}tv-worked-example-year.png` });
});
