import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee } from '@conveyor/shared';
import { Api } from '../helpers/api.js';
import { MANUAL_CLOCK, TEST_NOW, testTime } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { expectAccessible } from './axe.js';
import { toDocs } from './screens.js';
import { launchBrowser, type Browser } from './browser.js';
import { screenProblems } from './russian.js';

// The console's «Интеграции» and «Импорт» pages in a browser, in Russian: a manager connects their
// own system (the `generic` signed webhook) through the form, reads its address and secret off the
// page, and the test posts a signed call from a CRM user nobody has matched yet. The delivery waits
// in the inbox until the manager answers «Кто это?» with a click, then shows as scored. Then a CSV
// file: a dry run names its bad rows by row and column, and an import skipping them reaches 100 %.

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const MANAGER = { email: 'head@office.test', name: 'Ольга Руководитель', password: 'a long enough password' };
/** The CRM's own id of Анна: no employee has it until the manager says who it is. */
const CRM_USER = 'crm-user-77';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
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
  expect((await api.request('POST', '/accounts', MANAGER)).status).toBe(201);
}, 60_000);
afterAll(() => server?.dispose());

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0)); // the console's bar sticks to the top: a full page is taken from there
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  await expectAccessible(page, name);
}

/** Signs the manager in and opens a console section. */
async function open(page: Page, section: 'integrations' | 'import', lang: 'ru' | 'en' = 'ru'): Promise<void> {
  await page.goto(`${server.url}/admin?lang=${lang}`);
  await page.locator('input[name="email"]').fill(MANAGER.email);
  await page.locator('input[name="password"]').fill(MANAGER.password);
  await page.getByTestId('signin-form').getByRole('button').click();
  await page.getByTestId(`nav-${section}`).click();
}

/** Posts a body to a webhook address as the sender's system would, signed with the secret (or not). */
async function deliver(url: string, body: string, secret: string): Promise<number> {
  const signature = `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-conveyor-signature': signature },
    body,
  });
  return res.status;
}

const plain = (text: string | null): string =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the «Интеграции» page', () => {
  let browser: Browser;
  let page: Page;
  let url = '';
  let secret = '';
  afterAll(() => browser?.close());

  it('connects our own system through the form and shows its address and secret once, with where to paste them', async () => {
    browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    page = await browser.context.newPage();
    await open(page, 'integrations');

    // No connection yet: the form is open. Sent empty, it says what is missing, in Russian.
    const form = page.getByTestId('connect-form');
    await form.waitFor();
    await form.getByTestId('system-mango').click();
    await form.getByRole('button', { name: 'Подключить' }).click();
    expect(await form.getByRole('alert').allTextContents()).toEqual(
      expect.arrayContaining(['Заполните это поле.', 'Сначала исправьте отмеченные поля.']),
    );
    expect(await form.locator('input[name="setting-apiSalt"]').getAttribute('type')).toBe('password'); // a secret is typed unseen
    await shot(page, 'integrations-connect-1440-ru');
    toDocs('integrations-connect-1440-ru', 'console-integrations-1440');
    expect.soft(await screenProblems(page, 'ru'), 'the connect form in ru').toEqual([]);

    await form.getByTestId('system-generic').click();
    await form.getByText('Заполнять ничего не нужно: адрес и секрет Конвейер создаст сам.').waitFor();
    await form.locator('input[name="integration-name"]').fill('Сайт заявок');
    await form.getByRole('button', { name: 'Подключить' }).click();

    const created = page.getByTestId('integration-created');
    await created.waitFor();
    url = (await created.getByTestId('webhook-url').textContent())!.trim();
    secret = (await created.getByTestId('webhook-secret').textContent())!.trim();
    expect(url).toMatch(new RegExp(`^${server.url}/api/hooks/\\S+$`));
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(await created.textContent()).toContain('Секрет показан только сейчас');
    expect(plain(await created.getByTestId('integration-guide').textContent())).toContain('заголовок X-Conveyor-Signature');
    expect(await created.getByRole('button', { name: 'Копировать' }).count()).toBe(2);
    // The list holds the connection; no page shows its secret again.
    expect(plain(await page.getByTestId('integration-row').textContent())).toContain('Сайт заявок');
    await shot(page, 'integrations-created-1440-ru');
    expect.soft(await screenProblems(page, 'ru'), 'the new connection in ru').toEqual([]);

    // A call from a CRM user nobody is matched to; and one with a forged signature.
    const call = JSON.stringify({ id: 'g-1', type: 'call', occurredAt: testTime(-60 * 60_000), employeeId: CRM_USER, durationSec: 95 });
    expect(await deliver(url, call, secret)).toBe(200);
    expect(await deliver(url, JSON.stringify({ id: 'g-2', type: 'call' }), 'not the secret')).toBe(401);

    await created.getByRole('button', { name: 'Готово' }).click();
    await created.waitFor({ state: 'detached' });
    expect(await page.getByText('Секрет показан только сейчас').count()).toBe(0);
  });

  it('shows the call waiting for «Кто это?», and scored once the manager answers with a click', async () => {
    const inbox = page.getByTestId('inbox');
    // The inbox asks again every 5 s: the deliveries posted after it opened appear by themselves.
    const parked = inbox.locator('[data-testid="delivery"][data-status="parked"]');
    await parked.waitFor({ timeout: 15_000 });
    const refused = inbox.locator('[data-testid="delivery"][data-status="refused"]');
    await refused.waitFor();

    expect(plain(await parked.textContent())).toContain('ждёт сопоставления');
    expect(plain(await parked.textContent())).toContain('звонок');
    expect(plain(await parked.textContent())).toContain('Пользователь системы ещё не сопоставлен с сотрудником');
    expect(plain(await parked.getByTestId('unmapped-user').textContent())).toContain(`Кто это — ${CRM_USER}?`);
    expect(await parked.getByTestId('replay').count()).toBe(1);
    expect(plain(await refused.textContent())).toContain('Неверная подпись');
    expect(await refused.getByTestId('replay').count()).toBe(0); // nothing of it was kept
    expect(await refused.getByTestId('show-raw').count()).toBe(0);
    expect(plain(await page.getByTestId('inbox-counts').textContent())).toMatch(/ждёт сопоставления: 1.*отклонено: 1/);

    // What the system sent, as it came.
    await parked.getByTestId('show-raw').click();
    const raw = inbox.getByTestId('raw-body');
    await raw.waitFor();
    expect(await raw.textContent()).toContain(`"employeeId": "${CRM_USER}"`);
    await shot(page, 'integrations-inbox-parked-1440-ru');
    toDocs('integrations-inbox-parked-1440-ru', 'console-integrations-inbox-1440');
    expect.soft(await screenProblems(page, 'ru'), 'the inbox with a parked call in ru').toEqual([]);
    await parked.getByTestId('show-raw').click();
    await raw.waitFor({ state: 'detached' });

    // «Кто это?» — Анна Смирнова.
    await parked.locator('select[name="map-employee"]').selectOption({ label: 'Анна Смирнова' });
    await parked.getByRole('button', { name: 'Сопоставить' }).click();
    const scored = inbox.locator('[data-testid="delivery"][data-status="scored"]');
    await scored.waitFor({ timeout: 15_000 });
    expect(plain(await scored.textContent())).toContain('засчитано');
    expect(plain(await scored.textContent())).toContain('1 событие');
    expect(await inbox.locator('[data-testid="delivery"][data-status="parked"]').count()).toBe(0);
    const anna = (await api.request<Employee[]>('GET', '/employees')).body.find((e) => e.id === 'tm-anna')!;
    expect(anna.externalIds.generic).toBe(CRM_USER);

    // The filter shows one status at a time.
    await inbox.getByTestId('filter-scored').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="delivery"]').length === 1);
    expect(await inbox.locator('[data-testid="delivery"]').getAttribute('data-status')).toBe('scored');
    await inbox.getByTestId('filter-all').click();
    await refused.waitFor();
    await shot(page, 'integrations-inbox-scored-1440-ru');
    expect.soft(await screenProblems(page, 'ru'), 'the inbox with the call scored in ru').toEqual([]);
  });

  it('asks which event an amoCRM stage is and who its user is, and keeps the stage in the table', async () => {
    await page.getByTestId('connect').click();
    const form = page.getByTestId('connect-form');
    await form.getByTestId('system-amocrm').click();
    await form.getByText('Этапы воронки сопоставляются с событиями позже').waitFor();
    await form.locator('input[name="integration-name"]').fill('Отдел продаж');
    await form.getByRole('button', { name: 'Подключить' }).click();
    const created = page.getByTestId('integration-created');
    const amoUrl = (await created.getByTestId('webhook-url').textContent())!.trim();
    expect(await created.getByTestId('webhook-secret').count()).toBe(0); // amoCRM signs nothing: the address is the key
    expect(plain(await created.getByTestId('integration-guide').textContent())).toContain('«Настройки → Интеграции → Web hooks»');
    await created.getByRole('button', { name: 'Готово' }).click();

    // A lead moved to stage 7039104 by amoCRM user 504141, an hour before the office's now.
    const at = String(Math.floor(Date.parse(testTime(-60 * 60_000)) / 1000));
    const form1 = readFileSync(new URL('../fixtures/integrations/amocrm/lead-update-status.form', import.meta.url), 'utf8')
      .trim()
      .replace(/(last_modified%5D|updated_at%5D)=\d+/g, `$1=${at}`);
    const res = await fetch(amoUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form1 });
    expect(res.status).toBe(200);

    const inbox = page.getByTestId('inbox');
    const parked = inbox.locator('[data-testid="delivery"][data-status="parked"]');
    await parked.waitFor({ timeout: 15_000 });
    expect(plain(await parked.textContent())).toContain('сделка ООО «Ромашка»: поставка');
    expect(plain(await parked.textContent())).toContain('этап 7039101 → 7039104');
    expect(plain(await parked.getByTestId('unmapped-status').textContent())).toContain('Этап 7039104 — какое это событие?');
    expect(plain(await parked.getByTestId('unmapped-user').textContent())).toContain('Кто это — 504141?');
    await shot(page, 'integrations-amocrm-parked-1440-ru');
    expect.soft(await screenProblems(page, 'ru'), 'an amoCRM delivery waiting in ru').toEqual([]);

    await parked.locator('select[name="map-event"]').selectOption({ label: 'встреча проведена' });
    await parked.getByTestId('unmapped-status').getByRole('button', { name: 'Сопоставить' }).click();
    await parked.getByTestId('unmapped-status').waitFor({ state: 'detached', timeout: 15_000 });
    const row = page.getByTestId('status-map').getByTestId('status-map-row');
    expect(await row.locator('code').textContent()).toBe('7039104');
    expect(await row.locator('select').inputValue()).toBe('meeting.held');

    await parked.locator('select[name="map-employee"]').selectOption({ label: 'Игорь Кузнецов' });
    await parked.getByRole('button', { name: 'Сопоставить' }).click();
    await inbox.locator('[data-testid="delivery"][data-status="scored"]').waitFor({ timeout: 15_000 });
    const igor = (await api.request<Employee[]>('GET', '/employees')).body.find((e) => e.id === 'sales-igor')!;
    expect(igor.externalIds.amocrm).toBe('504141');
    await shot(page, 'integrations-amocrm-scored-1440-ru');
    expect.soft(await screenProblems(page, 'ru'), 'the amoCRM delivery scored in ru').toEqual([]);
  });

  it('renames a connection, and makes it a new secret shown once (the old one stops)', async () => {
    const row = page.getByTestId('integration-row').filter({ hasText: 'Сайт заявок' });
    await row.getByRole('button', { name: 'Настройки' }).click();
    const settings = page.getByTestId('integration-settings');
    await settings.locator('input[name="integration-name"]').fill('');
    await settings.getByText('Заполните это поле.').waitFor(); // checked as it is typed
    await settings.locator('input[name="integration-name"]').fill('Сайт и чат');
    await settings.getByRole('button', { name: 'Сохранить' }).click();
    await settings.waitFor({ state: 'detached' });
    const renamed = page.getByTestId('integration-row').filter({ hasText: 'Сайт и чат' });
    await renamed.waitFor();

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('connection').getByRole('button', { name: 'Новый секрет' }).click();
    const created = page.getByTestId('integration-created');
    await created.getByText('Новые данные подключения «Сайт и чат»').waitFor();
    const fresh = (await created.getByTestId('webhook-secret').textContent())!.trim();
    expect(fresh).not.toBe(secret);
    const again = JSON.stringify({ id: 'g-3', type: 'call', occurredAt: testTime(-30 * 60_000), employeeId: CRM_USER, durationSec: 61 });
    expect(await deliver(url, again, secret)).toBe(401);
    expect(await deliver(url, again, fresh)).toBe(200);
    await created.getByRole('button', { name: 'Готово' }).click();
    await page.getByTestId('inbox').locator('[data-testid="delivery"][data-status="scored"]').nth(1).waitFor({ timeout: 15_000 });
    expect.soft(await screenProblems(page, 'ru'), 'after a new secret in ru').toEqual([]);
  });

  it('says the same in English', async () => {
    const english = await launchBrowser({ width: 1440, height: 900, locale: 'en-US', now: TEST_NOW });
    try {
      const en = await english.context.newPage();
      await open(en, 'integrations', 'en');
      await en.getByTestId('integration-row').filter({ hasText: 'Сайт и чат' }).getByTestId('open-inbox').click();
      await en.locator('[data-testid="delivery"][data-status="scored"]').first().waitFor();
      expect(plain(await en.getByTestId('inbox').textContent())).toContain('Wrong signature');
      await shot(en, 'integrations-inbox-1440-en');
      expect.soft(await screenProblems(en, 'en'), 'the inbox in en').toEqual([]);
    } finally {
      await english.close();
    }
  });

  it('fits a phone at 390 px', async () => {
    const phone = await launchBrowser({ width: 390, height: 844, locale: 'ru-RU', now: TEST_NOW });
    try {
      const small = await phone.context.newPage();
      await open(small, 'integrations');
      await small.getByTestId('integration-row').filter({ hasText: 'Сайт и чат' }).getByTestId('open-inbox').click();
      await small.locator('[data-testid="delivery"][data-status="scored"]').first().waitFor();
      await shot(small, 'integrations-390-ru');
      expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect.soft(await screenProblems(small, 'ru'), 'the inbox on a phone in ru').toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

describe('the «Импорт» page', () => {
  const csv = [
    'Тип;Дата;Сотрудник;Длительность',
    'call;20.11.2026 10:00;tm-anna;95', // row 2: fine
    'call;20.11.2026 10:05;tm-anna;1:35', // row 3: fine
    'call;20.11.2026 10:10;tm-anna;', // row 4: a call needs its talk time
    'call;20.11.2026 10:15;ghost;60', // row 5: nobody
    'call;20.11.2026 10:20;tm-anna;41', // row 6: fine
  ].join('\r\n');

  it('checks a file, naming each bad row by row and column, then imports the rest to 100 %', async () => {
    const browser = await launchBrowser({ width: 1440, height: 900, locale: 'ru-RU', now: TEST_NOW });
    try {
      const page = await browser.context.newPage();
      await open(page, 'import');
      const section = page.getByTestId('import');
      // A file whose first row names a column the import does not know, and lacks the date.
      const header = Buffer.from('Тип;Настроение\r\ncall;хорошее\r\n');
      await section.locator('input[name="import-file"]').setInputFiles({ name: 'не то.csv', mimeType: 'text/csv', buffer: header });
      await section.getByTestId('import-check').click();
      await section.getByTestId('import-refusal').waitFor();
      expect(plain(await section.getByTestId('import-refusal').textContent())).toBe(
        'В первой строке не хватает обязательного столбца или есть незнакомый.',
      );
      const columns = await section
        .getByTestId('import-error')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim())));
      expect(columns).toEqual([
        ['1', 'Настроение', 'незнакомый столбец'],
        ['1', 'occurredAt', 'обязательный столбец, а в файле его нет'],
      ]);
      expect.soft(await screenProblems(page, 'ru'), 'a file with unknown columns in ru').toEqual([]);

      await section
        .locator('input[name="import-file"]')
        .setInputFiles({ name: 'звонки.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await section.getByText('звонки.csv').waitFor();

      await section.getByTestId('import-check').click();
      const counts = section.getByTestId('import-counts');
      await counts.waitFor();
      expect(plain(await counts.textContent())).toBe('В файле 5 строк: без ошибок — 3, с ошибками — 2.');
      const errors = section.getByTestId('import-error');
      expect(await errors.count()).toBe(2);
      const cells = async (n: number): Promise<string[]> => (await errors.nth(n).locator('td').allTextContents()).map(plain);
      expect(await cells(0)).toEqual(['4', 'Длительность', 'нужно для события «звонок»']);
      expect(await cells(1)).toEqual(['5', 'Сотрудник', 'нет сотрудника с номером ghost']);
      await section.locator('details.columns summary').click(); // the columns, described
      await shot(page, 'import-checked-1440-ru');
      toDocs('import-checked-1440-ru', 'console-import-1440');
      expect.soft(await screenProblems(page, 'ru'), 'the checked file in ru').toEqual([]);

      // Imported as it is, the file is refused whole, its bad rows listed.
      await section.getByTestId('import-run').click();
      await section.getByTestId('import-refusal').waitFor();
      expect(plain(await section.getByTestId('import-refusal').textContent())).toContain(
        'В некоторых строках ошибки — ничего не загружено.',
      );
      expect(await errors.count()).toBe(2);

      // Skipping them, the rest goes in.
      await section.getByLabel('Пропустить строки с ошибками').check();
      await section.getByTestId('import-run').click();
      await section.locator('[data-testid="import-report"][data-state="done"]').waitFor({ timeout: 20_000 });
      expect(plain(await section.getByTestId('import-percent').textContent())).toBe('100 %');
      expect(await section.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
      const bar = await section.getByTestId('import-progress').boundingBox();
      const filled = await section.getByTestId('import-progress').locator('span').boundingBox();
      expect(filled!.width).toBeGreaterThan(bar!.width - 4);
      const totals = plain(await section.getByTestId('import-totals').textContent());
      expect(totals).toContain('Загружено 3 события');
      expect(totals).toContain('2 строки с ошибками пропущены');
      await shot(page, 'import-done-1440-ru');
      expect.soft(await screenProblems(page, 'ru'), 'the finished import in ru').toEqual([]);

      // The same file again: nothing counts twice.
      await section.getByTestId('import-run').click();
      await section.locator('[data-testid="import-report"][data-state="done"]').waitFor({ timeout: 20_000 });
      const again = plain(await section.getByTestId('import-totals').textContent());
      expect(again).toContain('Загружено 0 событий');
      expect(again).toContain('3 повтора (уже были загружены)');
      expect.soft(await screenProblems(page, 'ru'), 'the second import in ru').toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('says the same in English', async () => {
    const english = await launchBrowser({ width: 1440, height: 900, locale: 'en-US', now: TEST_NOW });
    try {
      const page = await english.context.newPage();
      await open(page, 'import', 'en');
      const section = page.getByTestId('import');
      await section
        .locator('input[name="import-file"]')
        .setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await section.getByTestId('import-check').click();
      await section.getByTestId('import-counts').waitFor();
      expect(plain(await section.getByTestId('import-counts').textContent())).toBe('5 rows in the file: 3 without errors, 2 with errors.');
      await section.locator('details.columns summary').click();
      await shot(page, 'import-checked-1440-en');
      expect.soft(await screenProblems(page, 'en'), 'the checked file in en').toEqual([]);
    } finally {
      await english.close();
    }
  });
});
