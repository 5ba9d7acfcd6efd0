import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invite, MeHistory } from '@conveyor/shared';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

// The phone at 390×844 in Russian: Анна Смирнова's history grouped by office day, the app installable
// (a manifest without errors, nothing stopping an install), offline with the last numbers and their
// time, and live again when the network returns. The office's clock stands at noon in Moscow on
// Wednesday 25 November 2026.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));

/** Office days of November with work, newest first, and how many successful calls and meetings each had. */
const DAYS: readonly { day: number; calls: number; meetings: number }[] = [
  { day: 25, calls: 12, meetings: 1 },
  { day: 24, calls: 21, meetings: 2 },
  { day: 23, calls: 5, meetings: 0 },
  { day: 20, calls: 14, meetings: 1 },
  { day: 19, calls: 3, meetings: 0 },
  { day: 18, calls: 2, meetings: 1 },
  { day: 17, calls: 1, meetings: 0 },
  { day: 16, calls: 4, meetings: 0 },
  { day: 13, calls: 22, meetings: 3 },
];
const CLIENTS = ['ООО «Ромашка»', 'АО «Вектор»', 'ООО «Берёза»', 'ИП Северов'];

let server: RunningServer;
let api: Api;
let browser: Browser;
let page: Page;

/** An instant on a November day, `minutes` past 09:00 in Moscow (06:00 UTC). */
const at = (day: number, minutes: number): string => new Date(Date.UTC(2026, 10, day, 6, minutes)).toISOString();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  await api.employee({ id: 'tm-anna', name: 'Анна Смирнова', role: 'telemarketer' });
  await api.employee({ id: 'sales-igor', name: 'Игорь Кузнецов', role: 'sales' });
  await api.employee({ id: 'acc-elena', name: 'Елена Морозова', role: 'account' });
  await api.team({
    id: 'team-falcons',
    name: 'Соколы',
    members: { telemarketer: 'tm-anna', sales: 'sales-igor', account: 'acc-elena' },
    since: '2026-01-01',
  });
  const events: object[] = [];
  let n = 0;
  for (const { day, calls, meetings } of DAYS) {
    for (let i = 0; i < calls; i++)
      events.push({ id: `ph-call-${day}-${i}`, type: 'call', occurredAt: at(day, i * 7), employeeId: 'tm-anna', durationSec: 40 + i });
    events.push({ id: `ph-short-${day}`, type: 'call', occurredAt: at(day, 170), employeeId: 'tm-anna', durationSec: 8 }); // too short to count
    for (let i = 0; i < meetings; i++) {
      const client = n++ % CLIENTS.length;
      events.push({
        id: `ph-meet-${day}-${i}`,
        type: 'meeting.scheduled',
        occurredAt: at(day, 175 + i * 9),
        employeeId: 'tm-anna',
        toEmployeeId: 'sales-igor',
        clientId: `ph-client-${n}`,
        clientName: CLIENTS[client],
      });
    }
  }
  expect((await api.postEvents(events)).status).toBe(200);
  browser = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
  page = await browser.context.newPage();
  const invite = (await api.request<Invite>('POST', '/employees/tm-anna/invite')).body;
  await page.goto(`${server.url}${invite.path}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

/** Takes a screenshot and copies it to docs/screens/. */
async function shot(name: string, take: (path: string) => Promise<unknown>): Promise<void> {
  await take(`${SHOTS}${name}.png`);
  copyFileSync(`${SHOTS}${name}.png`, `${DOCS}${name}.png`);
}

const text = async (testId: string): Promise<string> =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the phone, in Russian at 390×844', () => {
  it('groups my points by office day with the day’s total and what it was for', async () => {
    const days = page.getByTestId('me-day');
    await days.first().waitFor();
    expect(await days.count()).toBe(7); // a page of days; older ones on demand
    const headings = await days.locator('h3').allTextContents();
    expect(headings.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^Сегодня \d+ очк(о|а|ов) за день$/),
      expect.stringMatching(/^Вчера \d+ очк/),
      expect.stringMatching(/^23 ноября /),
      expect.stringMatching(/^20 ноября /),
      expect.stringMatching(/^19 ноября /),
      expect.stringMatching(/^18 ноября /),
      expect.stringMatching(/^17 ноября /),
    ]);
    // Totals are the server's, counts in words with real plurals.
    const res = await api.getAsEmployee('tm-anna', '/me/history?days=2');
    const history = (await res.json()) as MeHistory;
    expect(history.days[0]!.points).toBe(12 + 15);
    expect(headings[0]).toContain(`${history.days[0]!.points} очков за день`);
    const counts = await days.getByTestId('me-day-counts').allTextContents();
    expect(counts.slice(0, 7).map((c) => c.trim())).toEqual([
      '12 звонков, 1 встреча',
      '21 звонок, 2 встречи',
      '5 звонков',
      '14 звонков, 1 встреча',
      '3 звонка',
      '2 звонка, 1 встреча',
      '1 звонок',
    ]);
    // Each entry with its reason (clients by name) and its time.
    const today = days.first();
    expect(await today.locator('li').count()).toBe(13);
    expect(await today.locator('li').first().textContent()).toMatch(/\+15.*Назначена встреча, ООО «Ромашка».*11:55/);
    expect(await screenProblems(page, 'ru')).toEqual([]);
    await shot('phone-me-390', (path) => page.screenshot({ path, fullPage: true }));
    await expectAccessible(page, 'phone-me-390');
  });

  it('loads older days on demand, and ends where the history does', async () => {
    const more = page.getByRole('button', { name: 'Показать более ранние дни' });
    await more.click();
    await page.getByTestId('me-day').nth(7).waitFor();
    expect(await page.getByTestId('me-day').locator('h3').nth(7).textContent()).toMatch(/^16 ноября/);
    expect(await page.getByTestId('me-day').count()).toBe(9);
    expect(await more.count()).toBe(0); // nothing older
    expect(await page.getByTestId('me-day').nth(8).getByTestId('me-day-counts').textContent()).toBe('22 звонка, 3 встречи');
    // The newest day is open; an older one opens on a tap (a real summary: keyboard and screen readers too).
    const yesterday = page.getByTestId('me-day').nth(1);
    expect(await yesterday.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await yesterday.locator('summary').click();
    expect(await yesterday.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
    expect(await yesterday.locator('li').first().isVisible()).toBe(true);
    expect(await yesterday.locator('li').count()).toBe(23);
    await yesterday.locator('summary').click();
    await shot('phone-history-390', (path) => page.getByTestId('me-history').screenshot({ path }));
    expect(await screenProblems(page, 'ru')).toEqual([]);
    await expectAccessible(page, 'phone-history-390');
  });

  it('is installable: a manifest without errors, in Russian, and nothing stopping an install', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    const cdp = await browser.context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
    expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    expect(JSON.parse(manifest.data!)).toMatchObject({ name: 'Конвейер', lang: 'ru', start_url: '/me', scope: '/', display: 'standalone' });
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    await cdp.detach();
    // The worker and its manifest are never kept by the browser's HTTP cache: a new build reaches phones at once.
    for (const path of ['/sw.js', '/manifest.webmanifest']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await fetch(`${server.url}/sw.js`).then((r) => r.text())).includes("const BUILD = 'dev'")).toBe(false);
  });

  it('offline, shows the last numbers with their time, and goes live again by itself', async () => {
    const todayBefore = await text('me-today');
    await browser.context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByTestId('me-offline').waitFor();
    expect(await text('me-offline')).toMatch(/^Нет связи · данные на 12:0\d$/); // office time, when they were read
    expect(await text('me-today')).toBe(todayBefore);
    expect(await page.getByTestId('me-day').count()).toBeGreaterThanOrEqual(7);
    expect(await page.getByTestId('me-day').first().locator('h3').textContent()).toMatch(/^Сегодня/);
    await shot('phone-offline-390', (path) => page.screenshot({ path }));
    expect(await screenProblems(page, 'ru')).toEqual([]);
    await expectAccessible(page, 'phone-offline-390');

    await browser.context.setOffline(false);
    await page.getByTestId('me-offline').waitFor({ state: 'detached', timeout: 20_000 });
    // Live again: a new award reaches the screen without a reload.
    expect(
      (await api.postEvents({ id: 'ph-live', type: 'call', occurredAt: TEST_NOW, employeeId: 'tm-anna', durationSec: 60 })).status,
    ).toBe(200);
    await page.waitForFunction(
      (old) => document.querySelector('[data-testid="me-today"]')?.textContent !== old,
      await page.getByTestId('me-today').textContent(),
      {
        timeout: 20_000,
      },
    );
    expect(await page.getByTestId('me-day-counts').first().textContent()).toBe('13 звонков, 1 встреча');
  });

  it('leaves the wall TV and the console to the network', async () => {
    const tv = await page.goto(`${server.url}/tv`);
    expect(tv?.fromServiceWorker()).toBe(false);
    const admin = await page.goto(`${server.url}/admin`);
    expect(admin?.fromServiceWorker()).toBe(false);
  });
});
