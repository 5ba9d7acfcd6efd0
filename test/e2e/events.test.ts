import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW, testTime } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';
import { toDocs } from './screens.js';

// The console's «События» page in Russian: a manager finds events by person and type, voids a
// payment after reading what the void takes away from whom, and reads it in the journal as a
// sentence with her name, the event and the reason. Then the same page on a phone.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const MANAGER = { email: 'irina@office.test', name: 'Ирина Котова', password: 'a long enough password' };
const MIN = 60_000;

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  const people = [
    ['tm-anna', 'Анна Смирнова', 'telemarketer'],
    ['sales-igor', 'Игорь Кузнецов', 'sales'],
    ['acc-elena', 'Елена Морозова', 'account'],
    ['tm-pavel', 'Павел Новиков', 'telemarketer'],
    ['sales-maria', 'Мария Соколова', 'sales'],
    ['acc-yulia', 'Юлия Фёдорова', 'account'],
  ] as const;
  for (const [id, name, role] of people) await api.employee({ id, name, role });
  await api.team({
    id: 'falcons',
    name: 'Соколы',
    members: { telemarketer: 'tm-anna', sales: 'sales-igor', account: 'acc-elena' },
    since: '2026-01-01',
  });
  await api.team({
    id: 'lynx',
    name: 'Рыси',
    members: { telemarketer: 'tm-pavel', sales: 'sales-maria', account: 'acc-yulia' },
    since: '2026-01-01',
  });
  expect((await api.request('POST', '/accounts', MANAGER)).status).toBe(201);
  const events: unknown[] = [];
  for (let i = 0; i < 6; i++)
    events.push({
      id: `ev-call-${i}`,
      type: 'call',
      occurredAt: testTime(-180 * MIN + i * 7 * MIN),
      employeeId: i % 2 ? 'tm-pavel' : 'tm-anna',
      durationSec: 45 + i * 20,
    });
  const chain = [
    ['meeting.scheduled', 'tm-anna', -150],
    ['meeting.held', 'sales-igor', -120],
    ['contract.signed', 'sales-igor', -90],
  ] as const;
  for (const [type, who, at] of chain)
    events.push({
      id: `ev-${type}`,
      type,
      occurredAt: testTime(at * MIN),
      employeeId: who,
      clientId: 'romashka',
      clientName: 'ООО Ромашка',
    });
  events.push({ id: 'ev-pay', type: 'payment.received', occurredAt: testTime(-60 * MIN), clientId: 'romashka', amount: 350_000 });
  events.push({
    id: 'ev-lotos',
    type: 'meeting.scheduled',
    occurredAt: testTime(-40 * MIN),
    employeeId: 'tm-pavel',
    clientId: 'lotos',
    clientName: 'АО Лотос',
  });
  events.push({
    id: 'ev-lotos-held',
    type: 'meeting.held',
    occurredAt: testTime(-20 * MIN),
    employeeId: 'sales-maria',
    clientId: 'lotos',
    clientName: 'АО Лотос',
  });
  expect((await api.postEvents(events)).status).toBe(200);
}, 60_000);
afterAll(() => server?.dispose());

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  toDocs(name, name);
  await expectAccessible(page, name);
  expect.soft(await screenProblems(page, 'ru'), `${name} in Russian`).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin?lang=ru#events`);
  await page.locator('input[name="email"]').fill(MANAGER.email);
  await page.locator('input[name="password"]').fill(MANAGER.password);
  await page.getByTestId('signin-form').getByRole('button').click();
  await page.getByTestId('events').waitFor();
}

const rowIds = (page: Page): Promise<string[]> =>
  page.getByTestId('event-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event') ?? ''));

/** Waits until the list shows exactly these events (it follows the filters as they change). */
async function expectRows(page: Page, ids: string[]): Promise<void> {
  await page.waitForFunction(
    (want) =>
      JSON.stringify([...document.querySelectorAll('[data-testid="event-row"]')].map((r) => r.getAttribute('data-event'))) ===
      JSON.stringify(want),
    ids,
  );
  expect(await rowIds(page)).toEqual(ids);
}

describe('events in the console', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('finds events by person and type, voids one after seeing what it takes away, and the journal says it', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    const page = await browser.context.newPage();
    await signIn(page);
    await expectRows(page, [
      'ev-lotos-held',
      'ev-lotos',
      'ev-pay',
      'ev-contract.signed',
      'ev-meeting.held',
      'ev-call-5',
      'ev-meeting.scheduled',
      'ev-call-4',
      'ev-call-3',
      'ev-call-2',
      'ev-call-1',
      'ev-call-0',
    ]);
    const pay = page.locator('[data-event="ev-pay"]');
    expect(await pay.textContent()).toContain('ООО Ромашка');
    expect((await pay.textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toContain('350 000 ₽');
    // The time in the office's zone: 60 minutes before noon in Moscow.
    expect(await pay.locator('td').first().textContent()).toContain('11:00');
    await shot(page, 'console-events-1440');

    // By person (a select of names), then by type (Russian names of the catalogue).
    await page.locator('select[name="employee"]').selectOption({ label: 'Анна Смирнова' });
    await expectRows(page, ['ev-meeting.scheduled', 'ev-call-4', 'ev-call-2', 'ev-call-0']);
    await page.locator('select[name="type"]').selectOption({ label: 'Встреча назначена' });
    await expectRows(page, ['ev-meeting.scheduled']);
    // By client, typed as part of its name.
    await page.getByRole('button', { name: 'Сбросить' }).click();
    await page.locator('input[name="client"]').fill('ромаш');
    await expectRows(page, ['ev-pay', 'ev-contract.signed', 'ev-meeting.held', 'ev-meeting.scheduled']);
    await page.locator('select[name="type"]').selectOption({ label: 'Оплата' });
    await expectRows(page, ['ev-pay']);

    // «Отменить» opens the confirmation: the event, the points each person loses, a required reason.
    const voidButton = pay.getByTestId('event-void');
    await voidButton.click();
    const dialog = page.getByTestId('void-dialog');
    await dialog.getByTestId('void-total').waitFor();
    expect((await dialog.getByTestId('void-what').textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toBe('Оплата, 350 000 ₽, ООО Ромашка');
    const total = Number((await dialog.getByTestId('void-total').textContent())!.replace(/[^\d−-]/g, '').replace('−', '-'));
    expect(total).toBeLessThan(0);
    const preview = (await dialog.getByTestId('void-preview').textContent()) ?? '';
    expect(preview).toContain('Игорь Кузнецов');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('void-reason');
    await shot(page, 'console-void-confirm-1440');
    // Escape closes it and gives the focus back to the button that opened it; nothing was voided.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('event-void');
    await voidButton.click();
    await dialog.getByTestId('void-total').waitFor();
    // No reason: said next to the field, nothing sent.
    await dialog.getByTestId('void-confirm').click();
    await dialog.getByTestId('void-reason-needed').waitFor();
    await page.locator('#void-reason').fill('дубль из CRM');
    await dialog.getByTestId('void-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await pay.getByTestId('event-voided').waitFor();
    expect(await pay.textContent()).toContain('дубль из CRM');
    const points = (await api.points('board=employees'))['sales-igor'];
    expect(points).toBe(
      (await api.request<{ events: { id: string; points: number }[] }>('GET', '/events?employeeId=sales-igor')).body.events.reduce(
        (s, e) => s + e.points,
        0,
      ),
    );

    // The journal says it as a sentence.
    await page.getByTestId('nav-audit').click();
    const sentence = page.locator('[data-action="event.void"] [data-testid="audit-sentence"]');
    await sentence.waitFor();
    expect((await sentence.textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Ирина Котова отменила событие «Оплата, 350 000 ₽, ООО Ромашка» — причина: дубль из CRM',
    );
    await shot(page, 'console-audit-1440');
  });

  it('lists events as cards on a phone', async () => {
    const phone = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    try {
      const page = await phone.context.newPage();
      await signIn(page);
      await page.locator('[data-event="ev-pay"]').getByTestId('event-voided').waitFor();
      await shot(page, 'console-events-390');
    } finally {
      await phone.close();
    }
  });
});
