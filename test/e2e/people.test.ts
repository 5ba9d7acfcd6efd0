import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invite } from '@conveyor/shared';
import { Api, seedOffice } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { toDocs } from './screens.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The server and the browsers share a clock at a fixed noon: "an hour ago" is today, whatever the real time.
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  await seedOffice(api);
  for (const [id, name] of [
    ['tm3', 'Мария Соколова'],
    ['tm4', 'Павел Новиков'],
    ['tm5', 'Юлия Фёдорова'],
  ] as const) {
    await api.employee({ id, name, role: 'telemarketer' });
  }
  const now = Date.parse(TEST_NOW);
  const events = [];
  // Some of the day behind everyone: calls (30 s+ count for the norm), meetings.
  for (let i = 0; i < 12; i++)
    events.push({
      id: `p-call-${i}`,
      type: 'call',
      occurredAt: new Date(now - 3_600_000 + i * 60_000).toISOString(),
      employeeId: 'tm1',
      durationSec: 40 + i,
    });
  for (const [i, who] of ['tm3', 'tm3', 'tm4', 'tm2', 'tm5', 'tm3'].entries()) {
    events.push({
      id: `p-meet-${i}`,
      type: 'meeting.scheduled',
      occurredAt: new Date(now - 1_800_000 + i * 1000).toISOString(),
      employeeId: who,
      clientId: `p-client-${i}`,
    });
  }
  events.push({
    id: 'p-meet-tm1',
    type: 'meeting.scheduled',
    occurredAt: new Date(now - 600_000).toISOString(),
    employeeId: 'tm1',
    clientId: 'p-client-tm1',
  });
  expect((await api.postEvents(events)).status).toBe(200);
});
afterAll(() => server?.dispose());

/** Takes the screenshot and checks the page as it is for serious accessibility problems. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  await expectAccessible(page, name);
}

describe('an employee on a phone', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('signs in with the invite link and sees their points change live', async () => {
    browser = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    const page = await browser.context.newPage();
    const invite = (await api.request<Invite>('POST', '/employees/tm1/invite')).body;
    await page.goto(`${server.url}${invite.path}`);
    await page.getByTestId('me-name').waitFor();
    expect(await page.getByTestId('me-name').textContent()).toBe('Telemarketer 1');
    // The one-time code leaves the address bar at once.
    expect(page.url()).toBe(`${server.url}/me`);
    expect(await page.getByTestId('me-norm').textContent()).toContain('12 из 45');
    expect(await page.getByTestId('me-rank').textContent()).toMatch(/Место \d из 5/);
    const before = await page.getByTestId('me-today').textContent();
    await shot(page, 'me-390-ru');
    expect.soft(await screenProblems(page, 'ru'), 'the phone in ru').toEqual([]);

    // A meeting set now: +15, on the phone without touching it.
    expect(
      (
        await api.postEvents({
          id: 'p-live',
          type: 'meeting.scheduled',
          occurredAt: TEST_NOW,
          employeeId: 'tm1',
          clientId: 'p-live-client',
        })
      ).status,
    ).toBe(200);
    await page.waitForFunction((old) => document.querySelector('[data-testid="me-today"]')?.textContent !== old, before);
    const after = await page.getByTestId('me-today').textContent();
    expect(Number(after!.replace(/\D/g, '')) - Number(before!.replace(/\D/g, ''))).toBe(15);
    expect(await page.getByTestId('me-awards').textContent()).toContain('+15');
    expect.soft(await screenProblems(page, 'ru'), 'the phone in ru, after a live award').toEqual([]);

    // Switching the language is remembered for the person.
    await page.getByRole('button', { name: 'Английский' }).click();
    await page.getByText('This month').waitFor();
    expect(await page.getByTestId('me-norm').textContent()).toContain('12 of 45');
    await shot(page, 'me-390-en');
    expect.soft(await screenProblems(page, 'en'), 'the phone in en').toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, 'me-360-en');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Reopening the phone later: still signed in, no code needed.
    await page.goto(`${server.url}/me`);
    await page.getByTestId('me-name').waitFor();
  });

  it('tells a phone without a session how to get in', async () => {
    const other = await launchBrowser({ width: 390, height: 844, locale: 'en-US', now: TEST_NOW });
    try {
      const page = await other.context.newPage();
      await page.goto(`${server.url}/me#invite=not-a-real-code-at-all-xxxxxxxx`);
      await page.getByTestId('me-signed-out').waitFor();
      expect(await page.getByTestId('me-signed-out').textContent()).toMatch(/ссылк|link/);
      await shot(page, 'me-signed-out');
      // The office speaks Russian: a phone without a session follows it, whatever the browser's language.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
      expect.soft(await screenProblems(page, 'ru'), 'the signed-out phone in ru').toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('a manager in the console', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  const open = async (page: Page, section: string): Promise<void> => {
    await page.getByTestId(`nav-${section}`).click();
  };

  it('sets up from the browser, adds a person to a triad, sets a reward, voids an event, and sees each step in the audit log', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'en-US', now: TEST_NOW });
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/admin?lang=en`);

    // First set-up: the bootstrap token, then a real manager account.
    await page.getByTestId('signin-form').waitFor();
    await shot(page, 'admin-signin-en');
    expect.soft(await screenProblems(page, 'en'), 'the console sign-in in en').toEqual([]);
    const russian = await browser.context.newPage();
    await russian.goto(`${server.url}/admin?lang=ru`);
    await russian.getByText('Первая настройка').waitFor();
    await shot(russian, 'admin-signin-ru');
    toDocs('admin-signin-ru', 'console-signin-1440');
    expect.soft(await screenProblems(russian, 'ru'), 'the console sign-in in ru').toEqual([]);
    await russian.close();
    await page.locator('input[name="token"]').fill(server.adminToken);
    await page.getByTestId('token-form').getByRole('button').click();
    await page.getByTestId('bootstrap-notice').waitFor();
    await open(page, 'access');
    await page.locator('input[name="account-email"]').fill('olga@office.test');
    await page.locator('input[name="account-name"]').fill('Olga Head');
    await page.locator('input[name="account-password"]').fill('a long enough password');
    await page.getByTestId('add-account').getByRole('button').click();
    await page.getByTestId('accounts').getByText('olga@office.test').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.locator('input[name="email"]').fill('olga@office.test');
    await page.locator('input[name="password"]').fill('a long enough password');
    await page.getByTestId('signin-form').getByRole('button').click();
    await page.locator('.who', { hasText: 'Olga Head' }).waitFor();
    expect(await page.getByTestId('bootstrap-notice').count()).toBe(0);

    // A new person, then into a new triad.
    await open(page, 'people');
    await page.locator('input[name="name"]').fill('Irina Morozova');
    await page.locator('select[name="role"]').selectOption('telemarketer');
    await page.getByTestId('add-employee').getByRole('button').click();
    await page.getByTestId('employees').getByText('Irina Morozova').waitFor();
    await page.getByTestId('invite-tm1').click();
    await page.getByTestId('invite-link').waitFor();
    await shot(page, 'admin-people-en');
    expect.soft(await screenProblems(page, 'en'), "the console's people page in en").toEqual([]);

    await open(page, 'triads');
    await page.locator('input[name="team-name"]').fill('Lynx');
    await page.getByTestId('add-team').getByRole('button').click();
    const lynx = page.locator('article', { hasText: 'Lynx' });
    await lynx.waitFor();
    const select = lynx.locator('select').first();
    const irina = await select.locator('option', { hasText: 'Irina Morozova' }).getAttribute('value');
    await select.selectOption(irina);
    await lynx.getByText(/since/).waitFor();
    await shot(page, 'admin-triads-en');
    expect.soft(await screenProblems(page, 'en'), "the console's triads page in en").toEqual([]);

    await open(page, 'game');
    await page.locator('input[name="reward-title"]').fill('Team dinner');
    await page.locator('input[name="reward-description"]').fill('Dinner for the best triad of the month');
    await page.getByTestId('add-reward').getByRole('button').click();
    await page.getByTestId('rewards').getByText('Team dinner').waitFor();
    await shot(page, 'admin-game-en');
    expect.soft(await screenProblems(page, 'en'), "the console's game page in en").toEqual([]);

    await open(page, 'rules');
    // The preview of the numbers in force shows by itself, before anything is changed.
    await page.getByTestId('preview').waitFor();
    await shot(page, 'admin-rules-en');
    expect.soft(await screenProblems(page, 'en'), "the console's rules page in en").toEqual([]);

    await open(page, 'events');
    const meeting = page.locator('[data-event="p-meet-0"]');
    await meeting.getByTestId('event-void').click();
    await page.getByTestId('void-dialog').getByTestId('void-total').waitFor();
    await page.locator('#void-reason').fill('Booked twice');
    await page.getByTestId('void-confirm').click();
    await meeting.getByTestId('event-voided').waitFor();
    await shot(page, 'admin-events-en');
    expect.soft(await screenProblems(page, 'en'), "the console's events page in en").toEqual([]);

    await open(page, 'access');
    await page.locator('input[name="token-name"]').fill('Office TV');
    await page.getByTestId('create-token').getByRole('button').click();
    await page.getByTestId('created-token').waitFor();
    await shot(page, 'admin-access-en');
    expect.soft(await screenProblems(page, 'en'), "the console's access page in en").toEqual([]);

    await open(page, 'audit');
    const audit = page.getByTestId('audit');
    await audit.locator('[data-action="event.void"]').waitFor();
    const text = await audit.textContent();
    // Each entry is a sentence by its action code.
    for (const action of [
      'account.create',
      'employee.create',
      'team.create',
      'team.update',
      'reward.create',
      'event.void',
      'employee.invite',
      'token.create',
    ])
      expect(await audit.locator(`[data-action="${action}"]`).count(), action).toBeGreaterThan(0);
    expect(text).toContain('Olga Head voided the event');
    expect(text).toContain('reason: Booked twice');
    await shot(page, 'admin-audit-en');
    expect.soft(await screenProblems(page, 'en'), "the console's audit page in en").toEqual([]);

    // The same console in Russian.
    await page.getByRole('button', { name: 'Русский' }).click();
    await page.getByTestId('nav-audit').getByText('Журнал').waitFor();
    const loaded: Record<string, () => Promise<void>> = {
      people: () => page.getByTestId('employees').getByText('Irina Morozova').waitFor(),
      triads: () => page.locator('article', { hasText: 'Lynx' }).waitFor(),
      game: () => page.getByTestId('rewards').getByText('Team dinner').waitFor(),
      rules: () => page.getByTestId('rule-versions').locator('tbody tr').first().waitFor(),
      events: () => page.getByTestId('event-row').first().waitFor(),
      access: () => page.getByTestId('tokens').getByText('Office TV').waitFor(),
      audit: () => page.getByTestId('audit').locator('[data-action="event.void"]').waitFor(),
    };
    for (const [section, ready] of Object.entries(loaded)) {
      await open(page, section);
      await ready();
      await shot(page, `admin-${section}-ru`);
      if (['people', 'triads', 'access'].includes(section)) toDocs(`admin-${section}-ru`, `console-${section}-1440`);
      expect.soft(await screenProblems(page, 'ru'), `the console's ${section} page in ru`).toEqual([]);
    }
    // Fourteen pages, each read by axe and the language checks: longer than one page's default.
  }, 150_000);
});
