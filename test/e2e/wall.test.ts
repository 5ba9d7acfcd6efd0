import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { OFFLINE_AFTER_MS } from '../../client/src/lib/realtime/connection.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SLIDES = ['month', 'quarter', 'year', 'today', 'targets', 'improved', 'fame'] as const;

let server: RunningServer;
let api: Api;

const TRIADS = [
  ['falcons', 'Соколы', 'Анна Смирнова', 'Борис Кузнецов', 'Вера Попова'],
  ['bears', 'Медведи', 'Мария Соколова', 'Алексей Лебедев', 'Наталья Козлова'],
  ['lynx', 'Рыси', 'Павел Новиков', 'Ирина Морозова', 'Андрей Павлов'],
  ['eagles', 'Орлы', 'Юлия Фёдорова', 'Михаил Орлов', 'Татьяна Егорова'],
  ['foxes', 'Лисы', 'Николай Васильев', 'Ксения Зайцева', 'Роман Белов'],
  ['wolves', 'Волки', 'Ольга Никитина', 'Денис Титов', 'Елена Гусева'],
] as const;

/** A real office: six triads, last month (closed, with winners) and this month so far, targets, rewards. */
async function seed(admin: Api): Promise<void> {
  for (const [team, name, tm, sales, account] of TRIADS) {
    await admin.employee({ id: `${team}-tm`, name: tm, role: 'telemarketer' });
    await admin.employee({ id: `${team}-sales`, name: sales, role: 'sales' });
    await admin.employee({ id: `${team}-acc`, name: account, role: 'account' });
    await admin.team({
      id: team,
      name,
      members: { telemarketer: `${team}-tm`, sales: `${team}-sales`, account: `${team}-acc` },
      since: '2026-01-01',
    });
  }
  for (const [board, title] of [
    ['teams', 'Ужин для команды'],
    ['telemarketer', 'Выходной день'],
    ['sales', 'Сертификат в спа'],
  ] as const) {
    expect((await admin.request('POST', '/rewards', { period: 'month', board, place: 1, title })).status).toBe(201);
  }
  expect((await admin.request('POST', '/rewards', { period: 'month', board: 'teams', place: 2, title: 'Билеты в кино' })).status).toBe(201);
  const events: unknown[] = [];
  const now = Date.parse(TEST_NOW);
  const day = 86_400_000;
  TRIADS.forEach(([team], i) => {
    // October: a steady pace; November: some teams faster than before, some slower.
    const october = 3 + ((i * 5) % 7);
    const november = 2 + ((i * 3) % 9);
    for (let n = 0; n < october; n++)
      events.push({
        id: `${team}-oct-${n}`,
        type: 'meeting.scheduled',
        occurredAt: new Date(Date.UTC(2026, 9, 2 + n, 9)).toISOString(),
        employeeId: `${team}-tm`,
        clientId: `${team}-oc-${n}`,
      });
    for (let n = 0; n < november; n++) {
      const at = new Date(now - (n + 1) * (day / 3)).toISOString();
      events.push({
        id: `${team}-nov-${n}`,
        type: 'meeting.scheduled',
        occurredAt: at,
        employeeId: `${team}-tm`,
        clientId: `${team}-nc-${n}`,
      });
      events.push({
        id: `${team}-held-${n}`,
        type: 'meeting.held',
        occurredAt: at,
        employeeId: `${team}-sales`,
        clientId: `${team}-nc-${n}`,
      });
    }
  });
  expect((await admin.postEvents(events)).status).toBe(200);
  expect((await admin.request('POST', '/periods/2026-10/close')).status).toBe(200);
  for (const [team, points] of [
    ['falcons', 400],
    ['bears', 150],
    ['lynx', 250],
  ] as const) {
    expect((await admin.request('PUT', '/targets', { teamId: team, period: 'month', at: '2026-11-01', points })).status).toBe(200);
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // On the tests' clock (25 November 2026): "November" below is this month, whatever the real date.
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  await seed(api);
});
afterAll(() => server?.dispose());

/** Waits until only endless animations (the live dot) run: the slide has finished coming in. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity));
}

async function open(browser: Browser, query: string, on: RunningServer = server): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${on.url}/tv?${query}&token=${encodeURIComponent(on.displayToken)}`);
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
  return page;
}

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const) {
  describe(`the wall at ${width}×${height}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser({ width, height, locale: 'ru-RU', now: TEST_NOW });
    });
    afterAll(() => browser?.close());

    it('shows every slide', async () => {
      for (const slide of SLIDES) {
        const page = await open(browser, `slide=${slide}`);
        await page.locator(`main[data-slide="${slide}"]`).waitFor();
        const marker = {
          month: 'team-standings',
          quarter: 'team-standings',
          year: 'team-standings',
          today: 'slide-today',
          targets: 'slide-targets',
          improved: 'slide-improved',
          fame: 'slide-fame',
        }[slide];
        await page.getByTestId(marker).waitFor();
        // Every team of the office is on the board (none silently cut off): the top three on the podium, the rest in rows.
        if (slide === 'month' || slide === 'quarter' || slide === 'year')
          await page.locator('[data-testid^="team-row-"]').first().waitFor();
        if (slide === 'month') expect(await page.locator('[data-testid^="team-row-"]').count()).toBe(TRIADS.length);
        await settled(page);
        await page.screenshot({ path: `${SHOTS}wall-${width}-${slide}.png`, animations: 'disabled' });
        // Every slide in Russian: no Latin word but names, real plurals, grouped numbers, no raw key.
        if (width === 1920) expect.soft(await screenProblems(page, 'ru'), `the ${slide} slide in ru`).toEqual([]);
        await page.close();
      }
    });
  });
}

describe('an English office', () => {
  let office: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    // The same office, but its language is English: the TV follows it (the names stay as typed).
    office = await startServer({ env: { ...MANUAL_CLOCK, OFFICE_LOCALE: 'en' } });
    await seed(new Api(office));
    browser = await launchBrowser({ width: 1920, height: 1080, locale: 'en-GB', now: TEST_NOW });
  });
  afterAll(async () => {
    await browser?.close();
    await office?.dispose();
  });

  it('shows every slide in English, with no Cyrillic word but the names', async () => {
    for (const slide of SLIDES) {
      const page = await open(browser, `slide=${slide}`, office);
      await page.locator(`main[data-slide="${slide}"]`).waitFor();
      if (slide === 'month' || slide === 'quarter' || slide === 'year') await page.locator('[data-testid^="team-row-"]').first().waitFor();
      await settled(page);
      await page.screenshot({ path: `${SHOTS}wall-1920-${slide}-en.png`, animations: 'disabled' });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect.soft(await screenProblems(page, 'en'), `the ${slide} slide in en`).toEqual([]);
      await page.close();
    }
  });
});

describe('celebrations and staleness', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ width: 1920, height: 1080, locale: 'ru-RU', now: TEST_NOW });
  });
  afterAll(() => browser?.close());

  it('takes over the screen for a team reaching a new grade, while the standings keep moving underneath', async () => {
    const page = await open(browser, 'slide=month');
    await page.getByTestId('team-standings').waitFor();
    // A ladder low enough that the next meeting lifts the Wolves a grade.
    const wolves = (await api.points('board=teams&period=quarter')).wolves ?? 0;
    expect(
      (
        await api.request('PUT', '/grades', {
          window: 'quarter',
          levels: [
            { name: 'Бронза', threshold: wolves + 10 },
            { name: 'Серебро', threshold: wolves + 1000 },
          ],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.postEvents({
          id: 'wall-up',
          type: 'meeting.scheduled',
          occurredAt: TEST_NOW,
          employeeId: 'wolves-tm',
          clientId: 'wall-up-client',
        })
      ).status,
    ).toBe(200);
    const card = page.locator('[data-testid="celebration"][data-kind="grade.changed"]');
    await card.waitFor();
    expect(await card.textContent()).toContain('Волки');
    expect(await card.textContent()).toContain('Бронза');
    // Underneath, the board has the new points already.
    await page
      .locator(`[data-testid="team-row-wolves"][data-points="${(await api.points('board=teams')).wolves}"]`)
      .waitFor({ state: 'attached' });
    await page.screenshot({ path: `${SHOTS}wall-1920-celebration.png` });
    expect.soft(await screenProblems(page, 'ru'), 'the celebration in ru').toEqual([]);
    await card.waitFor({ state: 'detached' });
  });

  it('says it is offline at 4K, then recovers by itself', async () => {
    const big = await launchBrowser({ width: 3840, height: 2160, locale: 'ru-RU', now: TEST_NOW });
    try {
      const page = await open(big, 'slide=month');
      await server.kill();
      // The socket notices at once; the banner comes after OFFLINE_AFTER_MS on the screen's clock: jump it.
      await page.locator('[data-testid="connection-state"]:is([data-state="reconnecting"], [data-state="offline"])').waitFor();
      await page.clock.fastForward(OFFLINE_AFTER_MS);
      await page.getByTestId('offline-banner').waitFor();
      await page.screenshot({ path: `${SHOTS}wall-3840-offline.png`, animations: 'disabled' });
      await server.restart();
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
      expect(await page.getByTestId('offline-banner').count()).toBe(0);
    } finally {
      await big.close();
    }
  });
});

describe('a new client build', () => {
  it('reloads the screen by itself, at the turn of the rotation', { timeout: 90_000 }, async () => {
    // A server serving its own copy of the client, so that the test can "deploy" a new build.
    const dist = mkdtempSync(join(tmpdir(), 'conveyor-dist-'));
    cpSync(fileURLToPath(new URL('../../client/dist/', import.meta.url)), dist, { recursive: true });
    const own = await startServer({ env: { CLIENT_DIST: dist, ...MANUAL_CLOCK } });
    const browser = await launchBrowser({ width: 1920, height: 1080, now: TEST_NOW });
    try {
      const admin = new Api(own);
      await admin.request('PUT', '/settings/wall', {
        slides: [
          { slide: 'month', seconds: 5 },
          { slide: 'quarter', seconds: 5 },
        ],
        top: 5,
        bigPayment: 0,
        sound: false,
      });
      const page = await browser.context.newPage();
      await page.goto(`${own.url}/tv?token=${encodeURIComponent(own.displayToken)}`);
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
      await page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));
      const build = async () => (await admin.request<{ build: string | null }>('GET', '/health')).body.build;
      const old = await build();
      let reloaded = false;
      const load = page.waitForEvent('load').then(() => (reloaded = true));
      appendFileSync(join(dist, 'index.html'), '\n<!-- a new build -->\n');
      // The server hashes its index.html again at most every 5 s (its real time): wait until it names the new build.
      await expect.poll(build, { timeout: 30_000, interval: 200 }).not.toBe(old);
      // The screen's clock, a second at a time, until a rotation comes round (two 5 s slides) and the
      // screen, reading the build again, reloads; a minute covers the once-a-minute re-read too.
      for (let second = 0; !reloaded && second < 70; second++) {
        await page.clock.fastForward(1_000);
      }
      await load;
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
      expect(await page.evaluate(() => (window as unknown as { oldPage?: boolean }).oldPage)).toBeUndefined();
    } finally {
      await browser.close();
      await own.dispose();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
