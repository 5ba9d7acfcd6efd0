import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW, testTime } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  await api.employee({ id: 'anna', name: 'Анна Смирнова', role: 'telemarketer' });
  await api.employee({ id: 'igor', name: 'Игорь Петров', role: 'sales' });
  await api.employee({ id: 'olga', name: 'Ольга Кузнецова', role: 'account' });
  await api.employee({ id: 'pavel', name: 'Павел Новиков', role: 'telemarketer' });
  // Анна started in «Орлы» and moved to «Соколы» on 1 November: two stints in her history.
  await api.team({ id: 'orly', name: 'Орлы', members: { telemarketer: 'anna' }, since: '2026-09-01' });
  await api.team({ id: 'sokoly', name: 'Соколы', members: { sales: 'igor', account: 'olga' }, since: '2026-09-01' });
  expect((await api.request('PATCH', '/teams/orly', { members: { telemarketer: 'pavel' }, since: '2026-11-01' })).status).toBe(200);
  expect((await api.request('PATCH', '/teams/sokoly', { members: { telemarketer: 'anna' }, since: '2026-11-01' })).status).toBe(200);
  const hour = 3_600_000;
  const client = { clientId: 'romashka', clientName: 'ООО «Ромашка»' };
  const events: unknown[] = [];
  for (let i = 0; i < 8; i++)
    events.push({
      id: `pp-call-${i}`,
      type: 'call',
      occurredAt: testTime(-3 * hour + i * 60_000),
      employeeId: 'anna',
      durationSec: 45 + i,
    });
  events.push(
    { id: 'pp-meet', type: 'meeting.scheduled', occurredAt: testTime(-2 * hour), employeeId: 'anna', ...client },
    { id: 'pp-held', type: 'meeting.held', occurredAt: testTime(-90 * 60_000), employeeId: 'igor', ...client },
    { id: 'pp-sign', type: 'contract.signed', occurredAt: testTime(-80 * 60_000), employeeId: 'igor', ...client },
    { id: 'pp-pay', type: 'payment.received', occurredAt: testTime(-hour), amount: 350_000, ...client },
    { id: 'pp-pavel', type: 'meeting.scheduled', occurredAt: testTime(-hour), employeeId: 'pavel', clientId: 'lyutik' },
  );
  expect((await api.postEvents(events)).status).toBe(200);
  expect(
    (await api.request('POST', '/accounts', { email: 'irina@office.test', name: 'Ирина Котова', password: 'a long enough password' }))
      .status,
  ).toBe(201);
});
afterAll(() => server?.dispose());

/** A portrait-like picture: a face-coloured circle on a blue background. */
async function portrait(): Promise<Buffer> {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800" fill="#2c5aa0"/>' +
      '<circle cx="300" cy="330" r="170" fill="#f1c27d"/><rect x="130" y="520" width="340" height="300" rx="120" fill="#e8e8e8"/></svg>',
  );
  return sharp(svg).jpeg({ quality: 85 }).toBuffer();
}

/** A console page signed in as the manager, in Russian. */
async function signedIn(browser: Browser): Promise<Page> {
  const login = await browser.context.request.post(`${server.url}/api/auth/login`, {
    data: { email: 'irina@office.test', password: 'a long enough password' },
  });
  expect(login.status()).toBe(200);
  // A manager who set the office up long ago: the first-day checklist is dismissed.
  await browser.context.addInitScript(() => localStorage.setItem('conveyor.onboarding.dismissed', '1'));
  return browser.context.newPage();
}

/** Takes the screenshot, keeps a copy in docs/screens when asked, and checks the page for serious accessibility problems. */
async function shot(page: Page, name: string, docs = false): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  if (docs) copyFileSync(`${SHOTS}${name}.png`, `${DOCS}${name}.png`);
  await expectAccessible(page, name);
}

/** Waits until the page's face is the uploaded photo, loaded. */
async function photoShown(page: Page): Promise<string> {
  const img = page.getByTestId('photo').locator('img');
  await img.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector<HTMLImageElement>('[data-testid="photo"] img');
    return el !== null && el.complete && el.naturalWidth > 0;
  });
  return (await img.getAttribute('src')) ?? '';
}

describe("a person's page in the console", () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('opens from the people list by keyboard, takes a photo from the file input, and shows it', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    const page = await signedIn(browser);
    await page.goto(`${server.url}/admin?lang=ru#people`);
    const link = page.getByTestId('person-link-anna');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('person-name').waitFor();
    expect(page.url()).toBe(`${server.url}/admin?lang=ru#people/anna`);
    expect(await page.getByTestId('person-name').textContent()).toBe('Анна Смирнова');
    await page.getByTestId('person-events').getByText('ООО «Ромашка»').first().waitFor();
    expect(await page.getByTestId('person-teams').textContent()).toMatch(/Соколы.*по сей день.*Орлы/s);
    expect(await page.getByTestId('person-points').textContent()).toContain('место из');

    await page.getByTestId('photo-input').setInputFiles({ name: 'anna.jpg', mimeType: 'image/jpeg', buffer: await portrait() });
    const src = await photoShown(page);
    expect(src).toMatch(/^\/api\/photos\/[0-9a-f]{64}\.webp$/);
    expect((await api.request<{ photoUrl: string }>('GET', '/employees/anna')).body.photoUrl).toBe(src);
    await page.getByTestId('photo-remove').waitFor();
    await page.mouse.move(0, 0);
    await shot(page, 'console-person-1440', true);
    expect.soft(await screenProblems(page, 'ru'), "a person's page in ru").toEqual([]);

    // The people list shows the face too.
    await page.getByTestId('person-back').click();
    await page.getByTestId('person-link-anna').locator('img').waitFor();
  });

  it('refuses a photo over 5 MB and a file that is no image, in Russian, and says what the server refused', async () => {
    const page = await signedIn(browser);
    await page.goto(`${server.url}/admin?lang=ru#people/igor`);
    await page.getByTestId('person-name').waitFor();
    const input = page.getByTestId('photo-input');
    const problem = page.getByTestId('photo-problem');

    await input.setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    expect(await problem.textContent()).toBe('Фото больше 5 МБ');
    await page.mouse.move(0, 0);
    await shot(page, 'console-person-refused-1440', true);
    expect.soft(await screenProblems(page, 'ru'), 'a refused photo in ru').toEqual([]);

    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('не фото') });
    await page.waitForFunction(() => document.querySelector('[data-testid="photo-problem"]')?.textContent === 'Это не изображение');

    // Sent as a PNG but not one: the client cannot tell, the server refuses it, the page says so.
    await input.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('\x89PNG\r\n\x1a\n garbage') });
    await page.waitForResponse((r) => r.url().endsWith('/api/employees/igor/photo') && r.status() === 422);
    await page.waitForFunction(() => document.querySelector('[data-testid="photo-problem"]')?.textContent === 'Это не изображение');
    expect((await api.request<{ photoUrl: string | null }>('GET', '/employees/igor')).body.photoUrl).toBeNull();
    expect(await page.getByTestId('photo').locator('img').count()).toBe(0);
  });

  it("takes a team's photo on the triads page", async () => {
    const page = await signedIn(browser);
    await page.goto(`${server.url}/admin?lang=ru#triads`);
    await page
      .getByTestId('team-photo-sokoly-input')
      .setInputFiles({ name: 'sokoly.jpg', mimeType: 'image/jpeg', buffer: await portrait() });
    await page.getByTestId('team-photo-sokoly').locator('img').waitFor();
    expect((await api.request<{ photoUrl: string | null }>('GET', '/teams/sokoly')).body.photoUrl).toMatch(/^\/api\/photos\//);
    await page.mouse.move(0, 0);
    await shot(page, 'console-triads-photo-1440');
  });

  it('fits a phone: the same page at 390 px, nothing wider than the screen', async () => {
    const phone = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    try {
      const page = await signedIn(phone);
      await page.goto(`${server.url}/admin?lang=ru#people/anna`);
      await page.getByTestId('person-name').waitFor();
      await photoShown(page);
      await page.getByTestId('person-events').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'console-person-390', true);
      expect.soft(await screenProblems(page, 'ru'), "a person's page on a phone in ru").toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
