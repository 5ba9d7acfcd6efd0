import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invite, SignalsReport, WeakLinkFinding, WeakLinksReport } from '@conveyor/shared';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { toDocs } from './screens.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

// The funnel in a browser: an office of five telemarketers where one, Пётр Иванов, identifies the
// need on far fewer successful calls than the other four over November, and Ирина Петрова's
// successful calls all end just over the 30 s line. The console's «Воронка» page must name the weak
// link in words, draw the charts, open Пётр's drill-down with the events behind the number and ask
// about Ирина's calls; Пётр's phone must show his stages beside the office's and a next step.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const MANAGER = { email: 'head@office.test', name: 'Ольга Руководитель', password: 'a long enough password' };

const TELEMARKETERS = [
  { id: 'tm-petr', name: 'Пётр Иванов', needEvery: 10 }, // a need on 1 successful call in 10
  { id: 'tm-anna', name: 'Анна Смирнова', needEvery: 2.5 }, // … and on 2 in 5 for the others
  { id: 'tm-maria', name: 'Мария Соколова', needEvery: 2.5 },
  { id: 'tm-pavel', name: 'Павел Новиков', needEvery: 2.5 },
  { id: 'tm-irina', name: 'Ирина Петрова', needEvery: 2.5 },
] as const;
const SALES = [
  { id: 'sales-igor', name: 'Игорь Кузнецов' },
  { id: 'sales-olga', name: 'Ольга Васильева' },
  { id: 'sales-dmitry', name: 'Дмитрий Попов' },
] as const;
const ACCOUNTS = [
  { id: 'acc-elena', name: 'Елена Морозова' },
  { id: 'acc-sergey', name: 'Сергей Волков' },
] as const;
const TEAMS = ['Соколы', 'Волки', 'Рыси', 'Медведи', 'Орлы'];

const COMPANIES = ['Ромашка', 'Вектор', 'Берёза', 'Север', 'Прогресс', 'Меридиан', 'Гранит', 'Орион', 'Сфера', 'Лотос', 'Кедр', 'Восход'];
const CITIES = ['Москва', 'Казань', 'Тверь', 'Пермь', 'Самара', 'Томск', 'Омск', 'Курск', 'Псков', 'Тула', 'Уфа', 'Чита'];
let companies = 0;
/** A new client: its id and the name a CRM gives it. */
function client(): { clientId: string; clientName: string } {
  const n = companies++;
  return {
    clientId: `c-${n}`,
    clientName: `ООО «${COMPANIES[n % COMPANIES.length]}» (${CITIES[Math.floor(n / COMPANIES.length) % CITIES.length]})`,
  };
}

/** November's working days before the test's today (25 November 2026, a Wednesday; 4 November is a holiday). */
const DAYS = [2, 3, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24];
/** An instant on a November day, Moscow office hours (10:00 is 07:00 UTC), `minutes` past ten. */
const at = (day: number, minutes: number): string => new Date(Date.UTC(2026, 10, day, 7, minutes)).toISOString();

function events(): object[] {
  const out: object[] = [];
  let sales = 0;
  const tally: Record<string, { handed: number; held: number }> = {};
  for (const tm of TELEMARKETERS) {
    let successful = 0;
    let needs = 0;
    for (const day of DAYS) {
      for (let i = 0; i < 10; i++) {
        // 8 of 10 calls last 30 s or more; Ирина's all end within 30–33 s, the others' spread over minutes.
        const ok = i % 5 !== 4;
        const durationSec = !ok ? 12 + i : tm.id === 'tm-irina' ? 30 + (i % 4) : 40 + ((i * 47 + day * 13) % 260);
        out.push({
          id: `${tm.id}-call-${day}-${i}`,
          type: 'call',
          occurredAt: at(day, i * 20),
          employeeId: tm.id,
          durationSec,
          source: 'mango',
        });
        if (!ok) continue;
        successful++;
        if (Math.floor(successful / tm.needEvery) <= needs) continue;
        needs++;
        const company = client();
        out.push({
          id: `${tm.id}-need-${day}-${i}`,
          type: 'need.identified',
          occurredAt: at(day, i * 20 + 5),
          employeeId: tm.id,
          ...company,
          source: 'amocrm',
        });
        if (needs % 2 === 0) continue; // a meeting with every other client whose need was found
        const seller = SALES[sales++ % SALES.length]!;
        const mine = (tally[seller.id] ??= { handed: 0, held: 0 });
        mine.handed++;
        out.push({
          id: `${tm.id}-meet-${day}-${i}`,
          type: 'meeting.scheduled',
          occurredAt: at(day, i * 20 + 8),
          employeeId: tm.id,
          toEmployeeId: seller.id,
          ...company,
          source: 'amocrm',
        });
        // Each sales manager holds three of every four meetings handed to them a day later, and signs one in three of those a day after.
        if (day >= 24 || mine.handed % 4 === 0) continue;
        mine.held++;
        out.push({
          id: `${tm.id}-held-${day}-${i}`,
          type: 'meeting.held',
          occurredAt: at(day + 1, 200 + i),
          employeeId: seller.id,
          ...company,
          source: 'amocrm',
        });
        if (mine.held % 3 !== 0 || day >= 23) continue;
        out.push({
          id: `${tm.id}-sign-${day}-${i}`,
          type: 'contract.signed',
          occurredAt: at(day + 2, 220 + i),
          employeeId: seller.id,
          ...company,
          source: 'amocrm',
        });
      }
    }
  }
  // October's clients: sold, handed to an account manager, paid; four of six paid again in November.
  for (let n = 0; n < 6; n++) {
    const company = client();
    const seller = SALES[n % SALES.length]!;
    const keeper = ACCOUNTS[n % ACCOUNTS.length]!;
    const october = (day: number, minutes = 0): string => new Date(Date.UTC(2026, 9, day, 8, minutes)).toISOString();
    out.push({
      id: `oct-meet-${n}`,
      type: 'meeting.scheduled',
      occurredAt: october(5, n),
      employeeId: TELEMARKETERS[n % 5]!.id,
      toEmployeeId: seller.id,
      ...company,
    });
    out.push({ id: `oct-held-${n}`, type: 'meeting.held', occurredAt: october(7, n), employeeId: seller.id, ...company });
    out.push({ id: `oct-sign-${n}`, type: 'contract.signed', occurredAt: october(9, n), employeeId: seller.id, ...company });
    out.push({
      id: `oct-hand-${n}`,
      type: 'client.handed_over',
      occurredAt: october(9, 30 + n),
      employeeId: seller.id,
      toEmployeeId: keeper.id,
      ...company,
    });
    out.push({ id: `oct-pay-${n}`, type: 'payment.received', occurredAt: october(12, n), clientId: company.clientId, amount: 350_000 });
    if (n < 4)
      out.push({ id: `nov-pay-${n}`, type: 'payment.received', occurredAt: at(12, n), clientId: company.clientId, amount: 350_000 });
  }
  return out;
}

let server: RunningServer;
let api: Api;
/** Пётр's need stage as the server found it. */
let petr: WeakLinkFinding;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  for (const p of TELEMARKETERS) await api.employee({ id: p.id, name: p.name, role: 'telemarketer' });
  for (const p of SALES) await api.employee({ id: p.id, name: p.name, role: 'sales' });
  for (const p of ACCOUNTS) await api.employee({ id: p.id, name: p.name, role: 'account' });
  for (const [i, name] of TEAMS.entries())
    await api.team({
      id: `team-${i}`,
      name,
      members: { telemarketer: TELEMARKETERS[i]!.id, sales: SALES[i]?.id, account: ACCOUNTS[i]?.id },
      since: '2026-01-01',
    });
  expect((await api.request('POST', '/accounts', MANAGER)).status).toBe(201);
  const all = events();
  for (let i = 0; i < all.length; i += 500) expect((await api.postEvents(all.slice(i, i + 500))).status).toBe(200);

  // The server itself must call Пётр's need stage the weak link before the page is asked to show it.
  const links = await api.request<WeakLinksReport>('GET', '/analytics/weak-links?period=month');
  expect(links.status).toBe(200);
  expect(links.body.findings.filter((f) => f.significant).map((f) => [f.employeeId, f.stage])).toEqual([['tm-petr', 'need']]);
  petr = links.body.findings[0]!;
  const signals = await api.request<SignalsReport>('GET', '/analytics/signals?period=month');
  expect(signals.body.signals.map((s) => [s.kind, s.employeeId])).toContainEqual(['calls.near_threshold', 'tm-irina']);
}, 120_000);
afterAll(() => server?.dispose());

/** Takes the screenshot and checks the page as it is for serious accessibility problems. */
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  await expectAccessible(page, name);
}

/** Signs the manager in and opens the funnel page, its findings and charts drawn. */
async function openFunnel(page: Page, lang: 'ru' | 'en'): Promise<void> {
  await page.goto(`${server.url}/admin?lang=${lang}`);
  await page.locator('input[name="email"]').fill(MANAGER.email);
  await page.locator('input[name="password"]').fill(MANAGER.password);
  await page.getByTestId('signin-form').getByRole('button').click();
  await page.getByTestId('nav-funnel').click();
  await page.locator('[data-testid="finding"][data-significant="true"]').first().waitFor();
  for (const chart of ['funnel-office-chart', 'funnel-teams-chart', 'funnel-people-chart-telemarketer'])
    await page.locator(`[data-testid="${chart}"][data-drawn="true"] canvas`).first().waitFor();
}

describe('the funnel page in the console', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('names the weak link in Russian words, draws the funnel and opens the person behind it', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    const page = await browser.context.newPage();
    await openFunnel(page, 'ru');

    expect(await page.getByTestId('funnel-period').locator('select').inputValue()).toBe('2026-11');
    expect(await page.getByTestId('funnel-period').locator('option:checked').textContent()).toBe('Ноябрь 2026');
    const finding = page.locator('[data-testid="finding"][data-significant="true"]');
    expect(await finding.count()).toBe(1);
    const sentence = (await finding.textContent())!.replace(/[\u00a0\u202f]/g, ' ');
    expect(sentence).toMatch(
      /^Пётр Иванов: потребность выявлена в \d+ из \d+ успешных звонков \([\d,]+ %\), у отдела [\d,]+ %; потеря ≈ [\d,]+ клиент/,
    );
    expect(sentence).toMatch(/\d ₽$/);
    expect(await page.locator('[data-testid="finding"][data-significant="false"]').count()).toBeGreaterThan(0);
    const canvas = await page.locator('[data-testid="funnel-office-chart"] canvas').first().boundingBox();
    expect(canvas!.width).toBeGreaterThan(300);
    expect(canvas!.height).toBeGreaterThan(150);
    expect(await page.getByTestId('funnel-person-tm-petr').locator('.weak').count()).toBe(1);
    const signal = page.locator('[data-testid="signal"][data-kind="calls.near_threshold"]');
    expect((await signal.textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toMatch(
      /^Ирина Петрова: 100 % успешных звонков длятся 30–33 с \(\d+ из \d+\), у отдела 0 %/,
    );
    await page.getByTestId('office-calendar').getByText('Рабочие дни недели').waitFor();
    await shot(page, 'funnel-1440-ru');
    toDocs('funnel-1440-ru', 'console-funnel-1440');
    expect.soft(await screenProblems(page, 'ru'), 'the funnel page in ru').toEqual([]);

    // The finding opens Пётр's drill-down at the need stage: six months, and the events behind the number.
    await finding.click();
    const drill = page.getByTestId('person-drilldown');
    await drill.getByTestId('stage-events').waitFor();
    expect(await drill.locator('h2').textContent()).toContain('Пётр Иванов');
    expect(await drill.getByTestId('person-months').locator('tbody tr').count()).toBe(6);
    expect(await drill.getByTestId('drill-stage-need').getAttribute('aria-pressed')).toBe('true');
    // The needs Пётр identified are the number above the line.
    expect(await drill.getByTestId('stage-events').locator('tbody tr', { hasText: 'засчитано' }).count()).toBe(petr.numerator);
    expect(await drill.getByTestId('stage-events-summary').textContent()).toContain(`засчитано: ${petr.numerator}`);
    const events = await drill.getByTestId('stage-events').textContent();
    expect(events).toMatch(/ООО «\S+» \(\S+\)/); // clients by name
    expect(events).not.toMatch(/c-\d+|tm-petr/); // never an id where a name exists
    expect(events).toContain('засчитано');
    await page.screenshot({ path: `${SHOTS}funnel-drilldown-ru.png` });
    await expectAccessible(page, 'funnel-drilldown-ru');
    expect.soft(await screenProblems(page, 'ru'), 'the drill-down in ru').toEqual([]);

    // Another stage of the same person: the meetings set behind its number.
    await drill.getByTestId('drill-stage-meeting.set').click();
    await drill.getByTestId('stage-events').getByText('встреча назначена').first().waitFor();
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });

    // Another period: the quarter holds November, named in Russian.
    await page.getByTestId('funnel-kind-quarter').click();
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('[data-testid="funnel-period"] select')?.value === '2026-Q4',
    );
    expect(await page.getByTestId('funnel-period').locator('option:checked').textContent()).toBe('IV квартал 2026');
    await page.getByTestId('funnel-kind-year').click();
    await page.waitForFunction(() => document.querySelector<HTMLSelectElement>('[data-testid="funnel-period"] select')?.value === '2026');
    expect(await page.getByTestId('funnel-period').locator('option:checked').textContent()).toBe('2026 год');
    await page.locator('[data-testid="finding"]').first().waitFor();
    expect.soft(await screenProblems(page, 'ru'), 'the funnel page for a year in ru').toEqual([]);
  });

  it('says the same in English', async () => {
    const english = await launchBrowser({ width: 1440, height: 900, locale: 'en-US', now: TEST_NOW });
    try {
      const page = await english.context.newPage();
      await openFunnel(page, 'en');
      const finding = page.locator('[data-testid="finding"][data-significant="true"]');
      expect(await finding.textContent()).toMatch(
        /^Пётр Иванов: need identified in \d+ of \d+ successful calls \([\d.]+%\), the office [\d.]+%; cost ≈ [\d.]+ clients?, ₽[\d,]+$/,
      );
      expect(await page.getByTestId('funnel-period').locator('option:checked').textContent()).toBe('November 2026');
      await shot(page, 'funnel-1440-en');
      expect.soft(await screenProblems(page, 'en'), 'the funnel page in en').toEqual([]);
      await page.getByTestId('funnel-person-tm-petr').getByRole('button').click();
      await page.getByTestId('person-drilldown').getByTestId('stage-events').waitFor();
      await page.screenshot({ path: `${SHOTS}funnel-drilldown-en.png` });
      expect.soft(await screenProblems(page, 'en'), 'the drill-down in en').toEqual([]);
    } finally {
      await english.close();
    }
  });

  it('saves the office calendar', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/admin?lang=ru#funnel`);
    const calendar = page.getByTestId('office-calendar');
    await calendar.locator('input[name="weekday-6"]').waitFor();
    await calendar.locator('input[name="weekday-6"]').check(); // Saturdays become working days
    await calendar.locator('select[name="add-holidays-day"]').selectOption('30');
    await calendar.locator('select[name="add-holidays-month"]').selectOption({ label: 'ноября' });
    await calendar.getByTestId('calendar-holidays').getByRole('button', { name: 'Добавить' }).click();
    await calendar.getByTestId('calendar-holidays').getByText('пн, 30 ноября').waitFor();
    await calendar.getByText('Есть несохранённые изменения.').waitFor();
    await shot(page, 'funnel-calendar-ru');
    await calendar.getByRole('button', { name: 'Сохранить' }).click();
    await calendar.getByText('Календарь сохранён.').waitFor();
    const saved = await api.request<{ weekdays: number[]; holidays: string[] }>('GET', '/settings/calendar');
    expect(saved.body.weekdays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved.body.holidays).toContain('2026-11-30');
    await page.getByTestId('funnel-period').getByText('20 рабочих дней').waitFor(); // 17 and three Saturdays up to the 25th
    await api.request('PUT', '/settings/calendar', {
      ...saved.body,
      weekdays: [1, 2, 3, 4, 5],
      holidays: saved.body.holidays.filter((d) => d !== '2026-11-30'),
    });
    await page.close();
  });
});

describe("a telemarketer's phone", () => {
  it("shows Пётр his stages beside the office's and the next step, at 390 px", async () => {
    const phone = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    try {
      const page = await phone.context.newPage();
      const invite = (await api.request<Invite>('POST', '/employees/tm-petr/invite')).body;
      await page.goto(`${server.url}${invite.path}`);
      const section = page.getByTestId('me-funnel');
      await section.waitFor();
      expect(await section.locator('li').count()).toBe(4); // a telemarketer's four stages
      const next = (await page.getByTestId('me-next-step').textContent())!.replace(/[\u00a0\u202f]/g, ' ');
      expect(next).toMatch(
        /Больше всего поможет выявлять потребность: у вас это получается в [\d,]+ % успешных звонков, обычно в отделе [\d,]+ %/,
      );
      expect(await section.textContent()).not.toMatch(/Анна|Мария|Павел|Ирина/); // nobody else named
      await section.scrollIntoViewIfNeeded();
      await shot(page, 'me-funnel-390-ru');
      toDocs('me-funnel-390-ru', 'phone-funnel-390');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect.soft(await screenProblems(page, 'ru'), 'the phone with the funnel in ru').toEqual([]);
      await page.getByRole('button', { name: 'Английский' }).click();
      await page.getByText('My conveyor stages, month to date').waitFor();
      await shot(page, 'me-funnel-390-en');
      expect.soft(await screenProblems(page, 'en'), 'the phone with the funnel in en').toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
