import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradeLadder, RuleVersion, WallSettings } from '@conveyor/shared';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW, testTime } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

// The console's forms in Russian: the rules as number fields with a preview of each person's and
// team's points before and after, a refused value said under its field with the save button
// disabled; on «Награды и периоды» a reward added with selects, a team target for a month picked by
// its name, the grade ladder edited row by row with each team's grade before and after, and the
// wall's slides reordered from the keyboard and by dragging, kept after a reload.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
const MANAGER = { email: 'head@office.test', name: 'Ирина Котова', password: 'a long enough password' };

const PEOPLE = [
  { id: 'tm-anna', name: 'Анна Смирнова', role: 'telemarketer', meetings: 3 },
  { id: 'tm-petr', name: 'Пётр Иванов', role: 'telemarketer', meetings: 1 },
  { id: 'sales-igor', name: 'Игорь Кузнецов', role: 'sales', meetings: 0 },
  { id: 'sales-olga', name: 'Ольга Васильева', role: 'sales', meetings: 0 },
] as const;

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  server = await startServer({ env: MANUAL_CLOCK });
  api = new Api(server);
  for (const p of PEOPLE) await api.employee({ id: p.id, name: p.name, role: p.role });
  await api.team({ id: 'wolves', name: 'Волки', members: { telemarketer: 'tm-anna', sales: 'sales-igor' }, since: '2026-01-01' });
  await api.team({ id: 'falcons', name: 'Соколы', members: { telemarketer: 'tm-petr', sales: 'sales-olga' }, since: '2026-01-01' });
  expect((await api.request('POST', '/accounts', MANAGER)).status).toBe(201);
  // This month: Анна set three meetings (15 points each), Пётр one; a held meeting for Игорь.
  const events: object[] = [];
  for (const p of PEOPLE)
    for (let i = 0; i < p.meetings; i++)
      events.push({
        id: `${p.id}-meet-${i}`,
        type: 'meeting.scheduled',
        occurredAt: testTime(-86_400_000 * (i + 1)),
        employeeId: p.id,
        clientId: `${p.id}-client-${i}`,
        clientName: `ООО «Клиент ${i + 1}»`,
      });
  events.push({
    id: 'held-0',
    type: 'meeting.held',
    occurredAt: testTime(-3_600_000),
    employeeId: 'sales-igor',
    clientId: 'tm-anna-client-0',
  });
  expect((await api.postEvents(events)).status).toBe(200);
}, 60_000);
afterAll(() => server?.dispose());

/** Takes the screenshot (and a copy for the docs), checks the page for serious accessibility problems and for English on a Russian screen. */
async function shot(page: Page, name: string, docs = false): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0)); // the console's bar sticks to the top: a full page is taken from there
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  if (docs) copyFileSync(`${SHOTS}${name}.png`, `${DOCS}${name}.png`);
  await expectAccessible(page, name);
  expect.soft(await screenProblems(page, 'ru'), `${name} in ru`).toEqual([]);
}

async function signIn(page: Page, section: string): Promise<void> {
  await page.goto(`${server.url}/admin?lang=ru#${section}`);
  await page.locator('input[name="email"]').fill(MANAGER.email);
  await page.locator('input[name="password"]').fill(MANAGER.password);
  await page.getByTestId('signin-form').getByRole('button').click();
  await page.getByTestId(`nav-${section}`).waitFor();
}

/** A preview line's before, after and difference, as shown. */
async function previewLine(page: Page, table: string, id: string): Promise<string[]> {
  const row = page.getByTestId(table).locator(`tr[data-id="${id}"]`);
  return Promise.all(['before', 'after', 'diff'].map(async (cell) => ((await row.getByTestId(cell).textContent()) ?? '').trim()));
}

/** The wall's slides in the order the form shows them. */
const slideOrder = (page: Page): Promise<string[]> =>
  page
    .getByTestId('slides')
    .locator('li')
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-slide') ?? ''));

describe('the console forms on a laptop', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('edits a rule with a number field and shows each person before and after, refusing a bad value by its field', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    const page = await browser.context.newPage();
    await signIn(page, 'rules');

    // The preview is there before anything changes: before and after the same.
    const meeting = page.locator('input[name="telemarketer.meetingScheduled"]');
    await meeting.waitFor();
    expect(await meeting.inputValue()).toBe('15');
    await page.getByTestId('preview-people').locator('tr[data-id="tm-anna"]').waitFor();
    expect(await previewLine(page, 'preview-people', 'tm-anna')).toEqual(['45', '45', '0']);
    expect(await page.getByTestId('save-rules-blocked').textContent()).toBe('Измените хотя бы одно значение.');
    await shot(page, 'console-rules-1440', true);

    // 20 points a meeting: Анна's three meetings make 60, the Wolves gain 15.
    await meeting.fill('20');
    await page.getByTestId('preview-people').locator('tr[data-id="tm-anna"] [data-testid="after"]', { hasText: '60' }).waitFor();
    expect(await previewLine(page, 'preview-people', 'tm-anna')).toEqual(['45', '60', '+15']);
    expect(await previewLine(page, 'preview-people', 'tm-petr')).toEqual(['15', '20', '+5']);
    expect((await previewLine(page, 'preview-teams', 'wolves'))[2]).toBe('+15');
    expect(await page.getByTestId('changed-count').textContent()).toBe('изменено 1 значение');
    expect(await page.getByTestId('save-rules').isEnabled()).toBe(true);
    await shot(page, 'console-rules-preview-1440', true);

    // A negative number: the reason under the field, in Russian, naming it; the save button says why it is off.
    await meeting.fill('-5');
    const form = page.getByTestId('new-rules');
    await form.getByText('Встреча назначена: не меньше 0', { exact: true }).waitFor();
    expect(await page.getByTestId('save-rules').isDisabled()).toBe(true);
    expect(await page.getByTestId('save-rules-blocked').textContent()).toBe('Сохранить нельзя — Встреча назначена: не меньше 0');
    await meeting.fill('');
    await form.getByText('Встреча назначена: не заполнено', { exact: true }).waitFor();
    expect(await page.getByTestId('save-rules').isDisabled()).toBe(true);
    await meeting.fill('2.5');
    await form.getByText('Встреча назначена: нужно целое число', { exact: true }).waitFor();
    await meeting.fill('20');

    // A date already past is refused under the date; the months are named in Russian.
    const months = await page.locator('select[name="effective-month"] option').allTextContents();
    expect(months.slice(10)).toEqual(['ноябрь', 'декабрь']);
    await page.locator('select[name="effective-day"]').selectOption('20');
    await form.getByText('Действует с: дата уже прошла: новая версия не меняет прошлые очки', { exact: true }).waitFor();
    expect(await page.getByTestId('save-rules').isDisabled()).toBe(true);
    await page.locator('select[name="effective-month"]').selectOption('12');
    await page.locator('select[name="effective-day"]').selectOption('1');
    await page.locator('input[name="note"]').fill('Встречи дороже с декабря');
    await page.getByTestId('save-rules').click();
    await page.getByText('Сохранено: версия 2.', { exact: true }).waitFor();
    const versions = (await api.request<RuleVersion[]>('GET', '/rules')).body;
    expect(versions.at(-1)).toMatchObject({ version: 2, effectiveFrom: '2026-11-30T21:00:00.000Z', note: 'Встречи дороже с декабря' });
    expect(versions.at(-1)!.rules.telemarketer.meetingScheduled).toBe(20);
    await page.getByTestId('rule-versions').getByText('Встреча назначена: 15 → 20', { exact: true }).waitFor();
  });

  it('adds a reward, sets a target for a month by its name, edits the ladder by rows and reorders the slides', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/admin?lang=ru#game`);
    const reward = page.getByTestId('add-reward');
    await reward.waitFor();

    // A reward: period and board from selects, the place a number field; 25 is refused by its field.
    await reward.locator('select[name="reward-period"]').selectOption('quarter');
    await reward.locator('input[name="reward-place"]').fill('25');
    await reward.getByText('Место: не больше 20', { exact: true }).waitFor();
    expect(await page.getByTestId('save-reward').isDisabled()).toBe(true);
    await reward.locator('input[name="reward-place"]').fill('1');
    await reward.getByText('Сохранить нельзя — Название: пусто', { exact: true }).waitFor();
    await reward.locator('input[name="reward-title"]').fill('Ужин команды');
    await reward.locator('input[name="reward-description"]').fill('Ресторан на выбор победителей');
    await page.getByTestId('save-reward').click();
    await page.getByTestId('rewards').getByText('Ужин команды').waitFor();
    expect(await page.getByTestId('rewards').locator('tbody tr').first().textContent()).toContain('Квартал');

    // A target for December, the month picked by its name.
    const target = page.getByTestId('set-target');
    await target.locator('select[name="target-team"]').selectOption('wolves');
    await target.locator('select[name="target-at-month"]').selectOption({ label: 'декабрь' });
    await target.locator('input[name="target-points"]').fill('1500');
    await page.getByTestId('save-target').click();
    await page.getByTestId('targets').getByText('декабрь 2026').waitFor();
    expect(await page.getByTestId('targets').textContent()).toMatch(/декабрь 2026: 1\s500/);

    // The ladder: a threshold below the level before is refused by its row; lower levels lift the Wolves.
    const ladder = page.getByTestId('ladder');
    await ladder.locator('input[name="level-1-threshold"]').fill('500');
    await ladder.getByText('Уровень 2: очков от: должно быть больше, чем у предыдущего уровня', { exact: true }).waitFor();
    expect(await page.getByTestId('save-ladder').isDisabled()).toBe(true);
    await ladder.locator('input[name="level-0-threshold"]').fill('50');
    await ladder.locator('input[name="level-1-threshold"]').fill('3000');
    await page.getByTestId('add-level').click();
    await ladder.locator('input[name="level-4-name"]').fill('Алмаз');
    await ladder.locator('input[name="level-4-threshold"]').fill('20000');
    const wolves = page.getByTestId('ladder-preview').locator('tr[data-id="wolves"]');
    await wolves.getByTestId('grade-after').getByText('Бронза', { exact: true }).waitFor();
    expect(await wolves.getByTestId('grade-before').textContent()).toBe('без уровня');
    expect(await page.getByTestId('ladder-preview').locator('tr[data-id="falcons"]').getByTestId('grade-after').textContent()).toBe(
      'без уровня',
    );
    await page.getByTestId('save-ladder').click();
    await ladder.getByText('Сохранено.', { exact: true }).waitFor();
    const stored = (await api.request<GradeLadder>('GET', '/grades')).body;
    expect(stored.levels.map((l) => [l.name, l.threshold])).toEqual([
      ['Бронза', 50],
      ['Серебро', 3000],
      ['Золото', 6000],
      ['Платина', 10000],
      ['Алмаз', 20000],
    ]);

    // Slides: the third moved up twice from the keyboard (the focus stays on its button), then the last dragged to the top.
    const before = await slideOrder(page);
    const third = page.getByTestId('slides').locator('li').nth(2);
    await third.locator('button.up').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const afterKeys = await slideOrder(page);
    expect(afterKeys).toEqual([before[2], before[0], before[1], ...before.slice(3)]);
    expect(await page.getByRole('status').filter({ hasText: 'теперь на 1-м месте' }).count()).toBe(1);
    const items = page.getByTestId('slides').locator('li');
    await items.last().dragTo(items.first(), { sourcePosition: { x: 10, y: 20 }, targetPosition: { x: 10, y: 10 } });
    const expected = [afterKeys.at(-1)!, ...afterKeys.slice(0, -1)];
    expect(await slideOrder(page)).toEqual(expected);
    await page.locator('input[name="slide-0-seconds"]').fill('3');
    await page.getByTestId('wall-settings').getByText('Слайд 1: показывать: не меньше 5', { exact: true }).waitFor();
    expect(await page.getByTestId('save-wall').isDisabled()).toBe(true);
    await page.locator('input[name="slide-0-seconds"]').fill('20');
    await page.getByTestId('save-wall').click();
    await page.getByTestId('wall-settings').getByText('Сохранено.', { exact: true }).waitFor();
    expect((await api.request<WallSettings>('GET', '/settings/wall')).body.slides.map((s) => s.slide)).toEqual(expected);

    // After a reload the order, the ladder and the reward are as saved.
    await page.reload();
    await page.getByTestId('slides').locator('li').first().waitFor();
    expect(await slideOrder(page)).toEqual(expected);
    expect(await page.locator('input[name="slide-0-seconds"]').inputValue()).toBe('20');
    expect(await page.getByTestId('ladder-levels').locator('li').count()).toBe(5);
    await page.getByTestId('rewards').getByText('Ужин команды').waitFor();
    await page.getByTestId('ladder-preview').waitFor();
    await shot(page, 'console-game-1440', true);
  });
});

describe('the console forms on a phone', () => {
  let browser: Browser;
  afterAll(() => browser?.close());

  it('shows the game page and the rules in one column', async () => {
    browser = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    const page = await browser.context.newPage();
    await signIn(page, 'game');
    await page.getByTestId('slides').locator('li').first().waitFor();
    await page.getByTestId('ladder-preview').waitFor();
    await page.getByTestId('rewards').getByText('Ужин команды').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'console-game-390', true);
    await page.getByTestId('nav-rules').click();
    await page.getByTestId('preview-people').locator('tr[data-id="tm-anna"]').waitFor();
    await shot(page, 'console-rules-390');
  });
});
