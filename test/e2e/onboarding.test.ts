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

// The first day of a new office, in Russian: the console opens on an empty office with the
// checklist at the top, each step ticks off as it is done, and the invitations page hands out QR
// codes; one of them, opened on a phone, signs the phone in.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const MANAGER = { email: 'olga@office.test', name: 'Ольга Петрова', password: 'a long enough password' };

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  expect((await api.request('POST', '/accounts', MANAGER)).status).toBe(201);
}, 60_000);
afterAll(() => server?.dispose());

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  toDocs(name, name);
  await expectAccessible(page, name);
  expect.soft(await screenProblems(page, 'ru'), `${name} in Russian`).toEqual([]);
}

/** The checklist's steps and whether each is done, as the page shows them. */
const steps = (page: Page): Promise<Record<string, boolean>> =>
  page
    .locator('[data-testid="onboarding"] li')
    .evaluateAll((items) =>
      Object.fromEntries(
        items.map((li) => [li.getAttribute('data-testid')!.replace('onboarding-', ''), li.getAttribute('data-done') === 'true']),
      ),
    );

/** Goes to a section, which asks the checklist again, and waits until it shows `done` steps done. */
async function visit(page: Page, section: string, done: number): Promise<void> {
  await page.getByTestId(`nav-${section}`).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="onboarding"] li[data-done="true"]').length === n, done);
}

describe('the first day', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('shows the checklist on an empty office, ticks each step off, and hands out QR invitations that sign a phone in', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/admin?lang=ru`);
    await page.locator('input[name="email"]').fill(MANAGER.email);
    await page.locator('input[name="password"]').fill(MANAGER.password);
    await page.getByTestId('signin-form').getByRole('button').click();
    await page.getByTestId('onboarding').waitFor();
    expect(await steps(page)).toEqual({ people: false, triads: false, integration: false, tv: false, invites: false });
    expect(await page.getByTestId('onboarding-progress').textContent()).toBe('Готово 0 шагов из 5');
    await shot(page, 'console-onboarding-1440');

    // People, then a triad, through the console's own pages.
    for (const [name, role] of [
      ['Анна Смирнова', 'telemarketer'],
      ['Игорь Кузнецов', 'sales'],
      ['Елена Морозова', 'account'],
    ] as const) {
      await page.locator('input[name="name"]').fill(name);
      await page.locator('select[name="role"]').selectOption(role);
      await page.getByTestId('add-employee').getByRole('button').click();
      await page.getByTestId('employees').getByText(name).waitFor();
    }
    await visit(page, 'triads', 1);
    expect(await steps(page)).toMatchObject({ people: true, triads: false });
    const employees = (await api.request<{ id: string; name: string; role: string }[]>('GET', '/employees')).body;
    const id = (name: string): string => employees.find((e) => e.name === name)!.id;
    await api.team({
      id: 'falcons',
      name: 'Соколы',
      members: { telemarketer: id('Анна Смирнова'), sales: id('Игорь Кузнецов'), account: id('Елена Морозова') },
      since: '2026-11-01',
    });
    // A CRM's token, and the TV's.
    await api.request('POST', '/tokens', { kind: 'integration', name: 'Телефония' });
    await visit(page, 'access', 3);
    await page.locator('input[name="token-name"]').fill('ТВ в офисе');
    await page.getByTestId('create-token').getByRole('button').click();
    await page.getByTestId('created-token').waitFor();
    await visit(page, 'invitations', 4);
    expect(await steps(page)).toEqual({ people: true, triads: true, integration: true, tv: true, invites: false });

    // Invitations in bulk: everyone not signed in, a QR code and a link each, ready to print.
    await page.getByTestId('invitations').waitFor();
    expect(await page.getByTestId('invitations-count').textContent()).toBe('Ещё не вошли 3 человека');
    await page.getByTestId('invite-all').click();
    await page.getByTestId('invitation-link').nth(2).waitFor();
    expect(await page.locator('[data-testid="invitations"] img').count()).toBe(3);
    const anna = page.getByTestId(`invitation-${id('Анна Смирнова')}`);
    const link = (await anna.getByTestId('invitation-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.url}/`));
    // Every step done: the checklist is gone.
    await page.getByTestId('onboarding').waitFor({ state: 'detached' });
    await shot(page, 'console-invitations-1440');
    // Printed, it is the cards alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.bar').isVisible()).toBe(false);
    expect(await page.getByTestId('invitations-print').isVisible()).toBe(false);
    expect(await anna.locator('img').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Анна opens her link on a phone: signed in, on her own page.
    const phone = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    try {
      const mobile = await phone.context.newPage();
      await mobile.goto(link);
      await mobile.getByTestId('me-name').waitFor();
      expect(await mobile.getByTestId('me-name').textContent()).toBe('Анна Смирнова');
      expect(mobile.url()).toBe(`${server.url}/me`);
    } finally {
      await phone.close();
    }
    // Signed in: she is no longer on the invitations page.
    await page.reload();
    await page.getByTestId('invitations').waitFor();
    expect(await page.getByTestId('invitations-count').textContent()).toBe('Ещё не вошли 2 человека');
    expect(await anna.count()).toBe(0);
  });
});
