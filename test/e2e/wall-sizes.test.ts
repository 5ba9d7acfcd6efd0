import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';
import { toDocs } from './screens.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const SLIDES = ['month', 'quarter', 'year', 'today', 'targets', 'improved', 'fame'] as const;

/** An office of twelve triads: team, its name, and its telemarketer, sales and account managers. */
const TRIADS = [
  ['falcons', 'Соколы', 'Анна Смирнова', 'Борис Кузнецов', 'Вера Попова'],
  ['bears', 'Медведи', 'Мария Соколова', 'Алексей Лебедев', 'Наталья Козлова'],
  ['lynx', 'Рыси', 'Павел Новиков', 'Ирина Морозова', 'Андрей Павлов'],
  ['eagles', 'Орлы', 'Юлия Фёдорова', 'Михаил Орлов', 'Татьяна Егорова'],
  ['foxes', 'Лисы', 'Николай Васильев', 'Ксения Зайцева', 'Роман Белов'],
  ['wolves', 'Волки', 'Ольга Никитина', 'Денис Титов', 'Елена Гусева'],
  ['tigers', 'Тигры', 'Константин Александров', 'Светлана Волкова', 'Игорь Семёнов'],
  ['hawks', 'Ястребы', 'Дарья Макарова', 'Сергей Андреев', 'Людмила Ковалёва'],
  ['leopards', 'Барсы', 'Григорий Ильин', 'Евгения Тарасова', 'Виктор Беляев'],
  ['dolphins', 'Дельфины', 'Полина Комарова', 'Артём Киселёв', 'Валентина Жукова'],
  ['sharks', 'Акулы', 'Максим Медведев', 'Алина Ершова', 'Степан Никольский'],
  ['owls', 'Совы', 'Екатерина Шарова', 'Фёдор Крылов', 'Маргарита Лукина'],
] as const;

/** Successful calls each telemarketer has made this morning (the test's now is 12:00 in Moscow, a third into the working day). */
const CALLS_TODAY = [52, 45, 38, 30, 24, 19, 15, 12, 9, 6, 3, 0];

let server: RunningServer;
let api: Api;

async function ok(answer: Promise<{ status: number; body: unknown }>, status = 200): Promise<void> {
  const res = await answer;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
}

/** Twelve triads with points in September, October (both closed, with winners and rewards) and November so far, targets, and calls today. */
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
  for (const [period, board, place, title] of [
    ['month', 'teams', 1, 'Ужин для команды'],
    ['month', 'teams', 2, 'Билеты в кино'],
    ['month', 'telemarketer', 1, 'Выходной день'],
    ['month', 'sales', 1, 'Сертификат в спа'],
    ['quarter', 'teams', 1, 'Поездка на выходные'],
    ['quarter', 'account', 1, 'Премия 20 000 ₽'],
  ] as const)
    await ok(admin.request('POST', '/rewards', { period, board, place, title }), 201);

  const events: unknown[] = [];
  const now = Date.parse(TEST_NOW);
  const day = 86_400_000;
  const meeting = (id: string, at: string, tm: string, sales: string | null): void => {
    events.push({ id: `${id}-set`, type: 'meeting.scheduled', occurredAt: at, employeeId: tm, clientId: `${id}-c` });
    if (sales) events.push({ id: `${id}-held`, type: 'meeting.held', occurredAt: at, employeeId: sales, clientId: `${id}-c` });
  };
  TRIADS.forEach(([team], i) => {
    const september = 1 + ((i * 7) % 5);
    const october = 3 + ((i * 5) % 7);
    const november = 2 + ((i * 3) % 9);
    for (let n = 0; n < september; n++)
      meeting(`${team}-sep-${n}`, new Date(Date.UTC(2026, 8, 2 + n, 9)).toISOString(), `${team}-tm`, n % 2 ? `${team}-sales` : null);
    for (let n = 0; n < october; n++) meeting(`${team}-oct-${n}`, new Date(Date.UTC(2026, 9, 2 + n, 9)).toISOString(), `${team}-tm`, null);
    for (let n = 0; n < november; n++)
      meeting(`${team}-nov-${n}`, new Date(now - (n + 1) * (day / 3)).toISOString(), `${team}-tm`, `${team}-sales`);
    // This morning's calls, from 09:00 office time on.
    for (let n = 0; n < CALLS_TODAY[i]!; n++)
      events.push({
        id: `${team}-call-${n}`,
        type: 'call',
        occurredAt: new Date(Date.UTC(2026, 10, 25, 6) + n * 60_000).toISOString(),
        employeeId: `${team}-tm`,
        durationSec: 75,
      });
  });
  await ok(admin.postEvents(events));
  for (const key of ['2026-09', '2026-Q3', '2026-10']) await ok(admin.request('POST', `/periods/${key}/close`));

  // Targets around where teams are: some reached, some ahead of the month's pace, some behind it.
  const month = await admin.points('board=teams');
  for (const [team, factor] of [
    ['falcons', 0.9],
    ['bears', 1.05],
    ['lynx', 1.6],
    ['eagles', 2.2],
    ['tigers', 1.3],
  ] as const)
    await ok(
      admin.request('PUT', '/targets', {
        teamId: team,
        period: 'month',
        at: '2026-11-01',
        points: Math.max(1, Math.round((month[team] ?? 0) * factor)),
      }),
    );
  const quarter = await admin.points('board=teams&period=quarter');
  await ok(
    admin.request('PUT', '/targets', {
      teamId: 'wolves',
      period: 'quarter',
      at: '2026-11-01',
      points: Math.round((quarter.wolves ?? 0) * 1.5),
    }),
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  await seed(api);
});
afterAll(() => server?.dispose());

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity));
}

/** What a viewer 5 m away would trip on: text too small, text over text, text cut off or off the screen. */
interface LayoutProblems {
  small: string[];
  overlaps: string[];
  clipped: string[];
}

function layoutProblems(page: Page, minPx: number): Promise<LayoutProblems> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const overlaps: string[] = [];
    const clipped: string[] = [];
    const texts: { text: string; rect: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const label = (node: Node): string => `«${(node.textContent ?? '').trim().slice(0, 40)}»`;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !(node.textContent ?? '').trim()) continue;
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < min) small.push(`${label(node)} ${size.toFixed(1)} px`);
      texts.push({ text: label(node), rect });
      // Off the screen, or cut by a box that hides its overflow (the ticker scrolls by design).
      if (element.closest('[data-testid="ticker"]')) continue;
      const tolerance = Math.max(1, window.innerWidth / 1920); // a pixel at 1080p, as much of the screen at 4K
      const outside = (box: DOMRect): boolean =>
        rect.left < box.left - tolerance ||
        rect.right > box.right + tolerance ||
        rect.top < box.top - tolerance ||
        rect.bottom > box.bottom + tolerance;
      if (outside(new DOMRect(0, 0, window.innerWidth, window.innerHeight))) clipped.push(`${label(node)} off the screen`);
      for (let box: Element | null = element; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        if (outside(box.getBoundingClientRect())) clipped.push(`${label(node)} cut by ${box.tagName.toLowerCase()}.${box.className}`);
        break;
      }
      // Wider than its own box or any box it sits in: cut (ellipsis), or spilling over whatever is beside it.
      for (let box: Element | null = element; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).display === 'inline') continue;
        // Sideways anywhere; downwards out of a panel, a list or the board (a line box may be shorter than its glyphs).
        const panel = ['SECTION', 'MAIN', 'ARTICLE', 'OL', 'UL', 'LI'].includes(box.tagName);
        if (box.scrollWidth > box.clientWidth + tolerance || (panel && box.scrollHeight > box.clientHeight + tolerance)) {
          const by = Math.max(box.scrollWidth - box.clientWidth, panel ? box.scrollHeight - box.clientHeight : 0);
          clipped.push(`${label(node)} spills out of ${box.tagName.toLowerCase()}.${box.className} by ${by} px`);
          break;
        }
      }
    }
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i]!.rect;
        const b = texts[j]!.rect;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${texts[i]!.text} over ${texts[j]!.text}`);
      }
    return { small, overlaps, clipped };
  }, minPx);
}

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
  [1366, 768],
] as const) {
  describe(`the wall of an office of twelve triads at ${width}×${height}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser({ width, height, locale: 'ru-RU', now: TEST_NOW });
    });
    afterAll(() => browser?.close());

    for (const slide of SLIDES) {
      it(`the ${slide} slide: readable from 5 m, nothing over or cut off, every team there`, async () => {
        const page = await browser.context.newPage();
        page.on('pageerror', (error) => console.error('page error:', error));
        await page.goto(`${server.url}/tv?slide=${slide}&token=${encodeURIComponent(server.displayToken)}`);
        await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
        await page.locator(`main[data-slide="${slide}"]`).waitFor();
        if (slide === 'month' || slide === 'quarter' || slide === 'year') {
          // Every team of the office, none cut: three on the podium, nine in rows.
          await page
            .locator('[data-testid^="team-row-"]')
            .nth(TRIADS.length - 1)
            .waitFor();
          expect(await page.locator('[data-testid^="team-row-"]').count()).toBe(TRIADS.length);
          for (const [team] of TRIADS) expect(await page.getByTestId(`team-row-${team}`).isVisible(), team).toBe(true);
          expect(await page.locator('.podium [data-testid^="team-row-"]').count()).toBe(3);
        }
        if (slide === 'today') {
          await page
            .locator('[data-testid^="lane-"]')
            .nth(TRIADS.length - 1)
            .waitFor();
          expect(await page.getByTestId('lane-falcons-tm').getAttribute('data-calls')).toBe('52');
          // At noon a third of the working day is gone: 15 of 45 calls is the pace.
          expect(await page.getByTestId('slide-today').textContent()).toContain('Черта — 15 звонков к этому часу');
        }
        if (slide === 'targets') {
          await page.locator('[data-testid^="target-"]').first().waitFor();
          const words = await page.getByTestId('target-words').allTextContents();
          expect(words.some((w) => w.includes('опережает график'))).toBe(true);
          expect(words.some((w) => w.includes('до графика'))).toBe(true);
        }
        if (slide === 'fame') await page.locator('[data-testid^="fame-"]').first().waitFor();
        if (slide === 'improved') await page.locator('[data-testid="slide-improved"] li').first().waitFor();
        await settled(page);
        await page.screenshot({ path: `${SHOTS}tv-${width}-${slide}.png`, animations: 'disabled' });
        if (width === 1920 || slide === 'month' || (width === 1366 && slide === 'today'))
          toDocs(`tv-${width}-${slide}`, `tv-${width}-${slide}`);

        const problems = await layoutProblems(page, 28 * (width / 1920) - 0.1);
        expect.soft(problems.small, 'text under 28 px at 1080p, or its share of the screen').toEqual([]);
        expect.soft(problems.overlaps, 'text over text').toEqual([]);
        expect.soft(problems.clipped, 'text cut off or off the screen').toEqual([]);
        if (width === 1920) expect.soft(await screenProblems(page, 'ru'), `the ${slide} slide in ru`).toEqual([]);
        await expectAccessible(page, `tv ${slide} at ${width}`);
        await page.close();
      });
    }
  });
}

describe('an office with more teams than fit', () => {
  let office: RunningServer;
  let browser: Browser;
  const COUNT = 24;
  beforeAll(async () => {
    office = await startServer({ env: MANUAL_CLOCK });
    const admin = new Api(office);
    const events: unknown[] = [];
    for (let n = 1; n <= COUNT; n++) {
      const [, name, tm, sales, account] = TRIADS[(n - 1) % TRIADS.length]!;
      const suffix = n > TRIADS.length ? ' 2' : '';
      await admin.employee({ id: `t${n}-tm`, name: tm, role: 'telemarketer' });
      await admin.employee({ id: `t${n}-sales`, name: sales, role: 'sales' });
      await admin.employee({ id: `t${n}-acc`, name: account, role: 'account' });
      await admin.team({
        id: `t${n}`,
        name: `${name}${suffix}`,
        members: { telemarketer: `t${n}-tm`, sales: `t${n}-sales`, account: `t${n}-acc` },
        since: '2026-01-01',
      });
      // Distinct points: team n sets n meetings this month.
      for (let m = 0; m < n; m++)
        events.push({
          id: `t${n}-m${m}`,
          type: 'meeting.scheduled',
          occurredAt: new Date(Date.parse(TEST_NOW) - (m + 1) * 3_600_000).toISOString(),
          employeeId: `t${n}-tm`,
          clientId: `t${n}-c${m}`,
        });
    }
    await ok(admin.postEvents(events));
    browser = await launchBrowser({ width: 1920, height: 1080, locale: 'ru-RU', now: TEST_NOW });
  });
  afterAll(async () => {
    await browser?.close();
    await office?.dispose();
  });

  it('pages through the teams beyond the podium, saying which it shows, instead of cutting any off', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${office.url}/tv?slide=month&token=${encodeURIComponent(office.displayToken)}`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await page.locator('.podium [data-testid^="team-row-"]').nth(2).waitFor();
    const label = page.getByTestId('team-page');
    const shown = async (): Promise<string[]> =>
      page.locator('[data-testid^="team-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid') ?? ''));
    const seen = new Set<string>();
    for (const [from, to] of [
      [4, 13],
      [14, 23],
      [24, 24],
    ] as const) {
      await page
        .getByTestId('team-page')
        .filter({ hasText: `${from}–${to} из ${COUNT}` })
        .waitFor();
      const rows = await shown();
      expect(rows).toHaveLength(3 + to - from + 1);
      for (const row of rows) seen.add(row);
      await settled(page);
      if (from === 4) {
        await page.screenshot({ path: `${SHOTS}tv-1920-month-24-teams.png`, animations: 'disabled' });
        const problems = await layoutProblems(page, 28);
        expect.soft(problems).toEqual({ small: [], overlaps: [], clipped: [] });
      }
      await page.clock.fastForward(10_000);
    }
    // Round the pages: every team of the office was on the screen.
    expect(seen.size).toBe(COUNT);
    await label.filter({ hasText: `4–13 из ${COUNT}` }).waitFor();
    await page.close();
  });
});

describe("today's race, live", () => {
  it('moves a lane when its calls come in, without a reload', async () => {
    const browser = await launchBrowser({ width: 1920, height: 1080, locale: 'ru-RU', now: TEST_NOW });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}/tv?slide=today&token=${encodeURIComponent(server.displayToken)}`);
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
      await page.locator('[data-testid="lane-owls-tm"][data-calls="0"]').waitFor();
      const at = (minutes: number): string => new Date(Date.parse(TEST_NOW) - minutes * 60_000).toISOString();
      await ok(
        api.postEvents([
          { id: 'live-call-1', type: 'call', occurredAt: at(5), employeeId: 'owls-tm', durationSec: 90 },
          { id: 'live-call-2', type: 'call', occurredAt: at(4), employeeId: 'owls-tm', durationSec: 120 },
          { id: 'live-call-short', type: 'call', occurredAt: at(3), employeeId: 'owls-tm', durationSec: 4 },
        ]),
      );
      // The awards arrive over the socket; the screen reads the race again (at most every 5 s).
      await page.locator('[data-testid="lane-owls-tm"][data-calls="2"]').waitFor();
      expect(await page.getByTestId('lane-owls-tm').textContent()).toContain('2 из 45');
    } finally {
      await browser.close();
    }
  });
});
