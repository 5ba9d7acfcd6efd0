import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { CELEBRATION_MS } from '../../client/src/lib/wall/celebrations.svelte.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, pauseClock, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));

const TRIADS = [
  ['falcons', 'Соколы', 'Анна Смирнова', 'Борис Кузнецов', 'Вера Попова'],
  ['bears', 'Медведи', 'Мария Соколова', 'Алексей Лебедев', 'Наталья Козлова'],
  ['lynx', 'Рыси', 'Павел Новиков', 'Ирина Морозова', 'Андрей Павлов'],
] as const;

let server: RunningServer;
let api: Api;
let browser: Browser;
let seq = 0;

async function ok(method: string, path: string, body?: unknown): Promise<void> {
  const res = await api.request(method, path, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
}
const post = (...events: Record<string, unknown>[]): Promise<void> => ok('POST', '/events', events);

/** A client brought along a team's chain in October: the telemarketer's meeting, the seller's contract, the hand-over. */
async function chain(team: string, clientId: string, clientName: string): Promise<void> {
  await post(
    { id: `${clientId}-m`, type: 'meeting.scheduled', occurredAt: '2026-10-05T08:00:00Z', employeeId: `${team}-tm`, clientId, clientName },
    { id: `${clientId}-c`, type: 'contract.signed', occurredAt: '2026-10-09T08:00:00Z', employeeId: `${team}-sales`, clientId },
    { id: `${clientId}-h`, type: 'client.handed_over', occurredAt: '2026-10-10T08:00:00Z', employeeId: `${team}-sales`, clientId },
  );
}
const pay = (clientId: string, occurredAt: string, amount: number): Promise<void> =>
  post({ id: `${clientId}-pay-${++seq}`, type: 'payment.received', occurredAt, clientId, amount });

async function seed(): Promise<void> {
  for (const [team, name, tm, sales, account] of TRIADS) {
    await api.employee({ id: `${team}-tm`, name: tm, role: 'telemarketer' });
    await api.employee({ id: `${team}-sales`, name: sales, role: 'sales' });
    await api.employee({ id: `${team}-acc`, name: account, role: 'account' });
    await api.team({
      id: team,
      name,
      members: { telemarketer: `${team}-tm`, sales: `${team}-sales`, account: `${team}-acc` },
      since: '2026-01-01',
    });
  }
  await ok('POST', '/rewards', { period: 'month', board: 'teams', place: 1, title: 'Ужин для команды' });
  await ok('POST', '/rewards', { period: 'month', board: 'telemarketer', place: 1, title: 'Выходной день' });
  await ok('POST', '/rewards', { period: 'month', board: 'sales', place: 1, title: 'Сертификат в спа' });
  // One person with a photo (uploaded in the console): the cards show it; the others get initials on a colour.
  const portrait = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#7fb2ff"/>' +
        '<circle cx="128" cy="104" r="52" fill="#f3d2b8"/><path d="M40 256c0-60 40-92 88-92s88 32 88 92z" fill="#2a3f6e"/>' +
        '<path d="M76 92c4-40 28-56 52-56s50 14 54 56c-14-18-34-22-54-22s-38 4-52 22z" fill="#4a3426"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  const uploaded = await fetch(`${server.url}/api/employees/falcons-sales/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'image/png' },
    body: new Blob([new Uint8Array(portrait)]),
  });
  expect(uploaded.status).toBe(200);
  // A ladder out of reach for now: the grade moment comes when a manager lowers it.
  await ok('PUT', '/grades', { window: 'quarter', levels: [{ name: 'Бронза', threshold: 100_000 }] });
  await chain('falcons', 'romashka', 'ООО «Ромашка»');
  await chain('bears', 'vektor', 'АО «Вектор»');
  await chain('lynx', 'zarya', 'ООО «Заря»');
}

/** Texts inside `selector` smaller than `min` CSS pixels (what a person 5 m away cannot read at 1080p). */
async function smallTexts(page: Page, selector: string, min = 28): Promise<string[]> {
  return page.evaluate(
    ({ selector, min }) => {
      const out: string[] = [];
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (!el || !node.textContent?.trim()) continue;
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.left >= window.innerWidth) continue; // clipped off the strip's end
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < min) out.push(`${node.textContent.trim()} (${size.toFixed(1)} px)`);
        }
      }
      return out;
    },
    { selector, min },
  );
}

/** Whether anything in the card sticks out of the card or the screen. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const card = document.querySelector('[data-testid="celebration"] .card');
    if (!card) return ['no card'];
    const outer = card.getBoundingClientRect();
    const out: string[] = [];
    if (outer.top < 0 || outer.left < 0 || outer.bottom > window.innerHeight || outer.right > window.innerWidth)
      out.push('card off screen');
    for (const el of card.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < outer.left - 1 || r.right > outer.right + 1 || r.bottom > outer.bottom + 1)
        out.push(`${el.className}: ${el.textContent?.slice(0, 30)}`);
    }
    return out;
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}`, animations: 'disabled' });
  copyFileSync(`${SHOTS}${name}`, `${DOCS}${name}`);
}

/** The confetti and the card's entrance are done: only endless animations (the live dot) run. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.effect?.getTiming().iterations === Infinity));
}

const card = (page: Page) => page.getByTestId('celebration');

async function resize(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  // On the tests' clock (25 November 2026): October is last month.
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  await seed();
  browser = await launchBrowser({ width: 1920, height: 1080, locale: 'ru-RU', now: TEST_NOW });
});
afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

describe('moments on the wall', () => {
  let page: Page;

  it('counts a person’s small awards together in the ticker, never showing a client by its id', async () => {
    page = await browser.context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(`${server.url}/tv?slide=month&token=${encodeURIComponent(server.displayToken)}`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();

    // Within one ten-minute slice, the ticker's counting window: 08:40 to 08:47 (the tests' today).
    const at = (step: number) => new Date(Date.parse(TEST_NOW) - 20 * 60_000 + step * 30_000).toISOString();
    const calls = Array.from({ length: 12 }, (_, i) => ({
      id: `call-anna-${i}`,
      type: 'call',
      occurredAt: at(i),
      employeeId: 'falcons-tm',
      durationSec: 60 + i,
    }));
    await post(
      { id: 'held-unnamed', type: 'meeting.held', occurredAt: at(12), employeeId: 'lynx-sales', clientId: 'ccl11-0' },
      { id: 'call-pavel', type: 'call', occurredAt: at(13), employeeId: 'lynx-tm', durationSec: 75 },
      ...[0, 1, 2].map((i) => ({ id: `email-maria-${i}`, type: 'email.general', occurredAt: at(i), employeeId: 'bears-tm' })),
      ...calls,
    );
    const ticker = page.getByTestId('ticker');
    await ticker.getByTestId('ticker-item').filter({ hasText: 'Анна Смирнова: 12 звонков' }).filter({ hasText: '+12' }).waitFor();
    await ticker.getByTestId('ticker-item').filter({ hasText: 'Мария Соколова: 3 письма на общую почту' }).waitFor();
    await ticker.getByTestId('ticker-item').filter({ hasText: 'Павел Новиков: успешный звонок, 75 секунд' }).waitFor();
    // A client without a name: its id is not shown, the meeting is.
    await ticker.getByTestId('ticker-item').filter({ hasText: 'Ирина Морозова: встреча проведена' }).waitFor();
    expect(await ticker.textContent()).not.toContain('ccl11');
    await settled(page);
    expect(await smallTexts(page, '[data-testid="ticker"]'), 'ticker text under 28 px').toEqual([]);
    await shot(page, 'tv-1920-ticker.png');
    expect.soft(await screenProblems(page, 'ru'), 'the ticker in ru').toEqual([]);
  });

  it('shows a new client, a renewal, a grade, a target and a period’s winners as cards, one after another', async () => {
    // The screen's clock stands still while the test looks: each card holds until the test moves time on.
    await pauseClock(page);
    // Five kinds of news in a burst: the wall queues them.
    await pay('romashka', '2026-10-15T09:00:00Z', 350_000); // the first payment: a new client (and a big payment, shown once)
    await pay('romashka', '2026-11-03T09:00:00Z', 120_000); // the first payment of the next month: the renewal
    await ok('PUT', '/grades', { window: 'quarter', levels: [{ name: 'Бронза', threshold: 300 }] });
    await ok('PUT', '/targets', { teamId: 'falcons', period: 'month', at: '2026-11-01', points: 100 });
    await ok('POST', '/periods/2026-10/close');

    const expected = {
      'client.new': ['Новый клиент', 'ООО «Ромашка»', '350 000 ₽', 'Борис Кузнецов', 'Анна Смирнова', 'Соколы'],
      'client.renewal': ['Продление', 'ООО «Ромашка»', '120 000 ₽', 'Борис Кузнецов', 'Вера Попова'],
      'grade.changed': ['Новый грейд', 'Соколы', 'Бронза', 'Анна Смирнова'],
      'target.reached': ['Цель достигнута', 'Соколы', '100 очков', 'ноябрь 2026'],
      'period.closed': ['Победители · октябрь 2026', 'Ужин для команды', 'Выходной день'],
    } as const;
    const names = {
      'client.new': 'client',
      'client.renewal': 'renewal',
      'grade.changed': 'grade',
      'target.reached': 'target',
      'period.closed': 'period',
    } as const;
    const seen: string[] = [];
    while (seen.length < Object.keys(expected).length) {
      await card(page).waitFor();
      // Never two at once.
      expect(await card(page).count()).toBe(1);
      const kind = (await card(page).getAttribute('data-kind')) as keyof typeof expected;
      expect(Object.keys(expected), `an unexpected card: ${kind}`).toContain(kind);
      if (!seen.includes(kind)) {
        seen.push(kind);
        const text = (await card(page).textContent()) ?? '';
        for (const part of expected[kind]) expect(text.replace(/\s/gu, ' ')).toContain(part);
        expect(text).not.toMatch(/romashka|falcons/u);
        await settled(page);
        expect(await smallTexts(page, '[data-testid="celebration"]'), `${kind}: text under 28 px`).toEqual([]);
        expect(await overflows(page), `${kind}: overflow`).toEqual([]);
        await shot(page, `tv-1920-moment-${names[kind]}.png`);
        expect.soft(await screenProblems(page, 'ru'), `the ${kind} card in ru`).toEqual([]);
        if (kind === 'client.new') {
          // axe-core waits on timers of its own: the clock runs for it (a card holds for seconds), then stands again.
          await page.clock.resume();
          await expectAccessible(page, 'tv-moment-client');
          await pauseClock(page);
          expect(await card(page).getAttribute('data-kind')).toBe('client.new');
        }
      }
      const shown = await card(page).getAttribute('data-id');
      await page.clock.runFor(CELEBRATION_MS);
      // The next card (or none) replaces this one.
      await page.waitForFunction((id) => document.querySelector('[data-testid="celebration"]')?.getAttribute('data-id') !== id, shown);
    }
    // The new client is the first; the big payment of the same payment is not shown again.
    expect(seen[0]).toBe('client.new');
    expect(seen).toEqual(['client.new', 'client.renewal', 'grade.changed', 'target.reached', 'period.closed']);
    await card(page).waitFor({ state: 'detached' });
  });

  it('fits the card on a 4K screen and on a 1366×768 one', async () => {
    // The ladder out of reach again: the payments below make no grade news.
    await ok('PUT', '/grades', { window: 'quarter', levels: [{ name: 'Бронза', threshold: 100_000 }] });
    for (const [width, height, client, team] of [
      [3840, 2160, 'vektor', 'bears'],
      [1366, 768, 'zarya', 'lynx'],
    ] as const) {
      await resize(page, width, height);
      // The clock runs while the news travels: a stopped page clock also holds the socket's own timers
      // (its writes wait on one), and a socket that cannot answer the server's ping for long is closed.
      await page.clock.resume();
      await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
      await pay(client, '2026-11-20T09:00:00Z', 1_250_000);
      await page.locator('[data-testid="celebration"][data-kind="client.new"]').waitFor();
      await pauseClock(page);
      expect(await card(page).getAttribute('data-kind')).toBe('client.new');
      const text = ((await card(page).textContent()) ?? '').replace(/\s/gu, ' ');
      expect(text).toContain('1 250 000 ₽');
      expect(text).toContain(TRIADS.find(([id]) => id === team)![3]);
      await settled(page);
      expect(await overflows(page), `${width}: overflow`).toEqual([]);
      await shot(page, `tv-${width}-moment-client.png`);
      await page.clock.runFor(CELEBRATION_MS);
      await card(page).waitFor({ state: 'detached' });
    }
  });
});
