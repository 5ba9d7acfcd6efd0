import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Award } from '@conveyor/shared';
import { OFFLINE_AFTER_MS } from '../../client/src/lib/realtime/connection.js';
import { awardText } from '../../client/src/lib/i18n/reasons.js';
import { MANUAL_CLOCK, TEST_NOW } from '../helpers/clock.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser, pauseClock, type Browser } from './browser.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

let server: RunningServer;
let browser: Browser;

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

let eventSeq = 0;
/** Posts one `meeting.scheduled` (+15 to the telemarketer and their team) and returns the award's reason as the ticker shows it. */
async function meetingBy(employeeId: string): Promise<string> {
  const id = `tv-e2e-${++eventSeq}`;
  // A named client: the wall never shows a client by its id.
  await api('POST', '/api/events', [
    { id, type: 'meeting.scheduled', occurredAt: TEST_NOW, employeeId, clientId: `client-${id}`, clientName: `Client ${eventSeq}` },
  ]);
  const recent = await api<Award[]>('GET', '/api/awards/recent?limit=30');
  const award = recent.find((a) => a.eventId === id && a.employeeId === employeeId);
  if (!award) throw new Error(`no award for ${id} in ${JSON.stringify(recent)}`);
  return awardText(award, { of: 'en' }); // the office speaks English
}

async function seedMoreTeams(): Promise<void> {
  const triads = [
    ['bears', 'Bears', 'Maria Sokolova', 'Alexey Lebedev', 'Natalia Kozlova'],
    ['lynx', 'Lynx', 'Pavel Novikov', 'Irina Morozova', 'Andrey Pavlov'],
    ['eagles', 'Eagles', 'Yulia Fedorova', 'Mikhail Orlov', 'Tatiana Egorova'],
    ['foxes', 'Foxes', 'Nikolai Vasiliev', 'Ksenia Zaitseva', 'Roman Belov'],
  ] as const;
  for (const [team, name, tm, sales, account] of triads) {
    await api('POST', '/api/employees', { id: `${team}-tm`, name: tm, role: 'telemarketer' });
    await api('POST', '/api/employees', { id: `${team}-sales`, name: sales, role: 'sales' });
    await api('POST', '/api/employees', { id: `${team}-acc`, name: account, role: 'account' });
    await api('POST', '/api/teams', {
      id: team,
      name,
      members: { telemarketer: `${team}-tm`, sales: `${team}-sales`, account: `${team}-acc` },
    });
  }
  // After the teams exist: points count for the team a person belonged to when the action happened.
  const occurredAt = TEST_NOW;
  const events: unknown[] = [];
  for (const [i, [team]] of triads.entries()) {
    for (let n = 0; n <= i; n++) {
      const client = `${team}-client-${n}`;
      events.push(
        { id: `${client}-need`, type: 'need.identified', occurredAt, employeeId: `${team}-tm`, clientId: client },
        { id: `${client}-dm`, type: 'email.decision_maker', occurredAt, employeeId: `${team}-tm`, clientId: client },
        { id: `${client}-held`, type: 'meeting.held', occurredAt, employeeId: `${team}-sales`, clientId: client },
      );
    }
    if (i % 2 === 1) {
      events.push({ id: `${team}-signed`, type: 'contract.signed', occurredAt, employeeId: `${team}-sales`, clientId: `${team}-client-0` });
    }
  }
  await api('POST', '/api/events', events);
}

/** Waits until only the endless animations (the live dot) are running: rows have stopped moving. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.effect?.getTiming().iterations === Infinity));
}

/** Finite animations (row highlights, ticker slide-ins) are fast-forwarded, so the picture is the settled board. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}${name}`, animations: 'disabled' });
}

async function openBoard(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  // Pinned to the month slide: the rotation is tested in wall.test.ts.
  await page.goto(`${server.url}/tv?slide=month&token=${encodeURIComponent(server.displayToken)}`);
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
  return page;
}

const teamRow = (page: Page, id: string, points: number) => page.locator(`[data-testid="team-row-${id}"][data-points="${points}"]`);
const personRow = (page: Page, id: string, points: number) => page.locator(`[data-testid="person-row-${id}"][data-points="${points}"]`);
const tickerReason = (page: Page, reason: string) => page.getByTestId('ticker-reason').filter({ hasText: reason }).first();

describe('wall TV', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // An English-speaking office (the board's text is checked in English), on the tests' clock: the
    // server's stands at TEST_NOW, the screen's starts there, so the month cannot turn mid-test.
    server = await startServer({ env: { OFFICE_LOCALE: 'en', ...MANUAL_CLOCK } });
    browser = await launchBrowser({ width: 1920, height: 1080, now: TEST_NOW });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('keeps the token out of the address bar and shows a friendly empty office', async () => {
    const page = await openBoard();
    await page.getByTestId('empty-state').waitFor();

    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('conveyor.token'))).toBe(server.displayToken);
    await screenshot(page, 'tv-empty.png');
    await page.close();
  });

  it('shows teams, top people per role and new points live, with the award in the ticker', async () => {
    const people = [
      { id: 't1', name: 'Anna Petrova', role: 'telemarketer' },
      { id: 's1', name: 'Igor Smirnov', role: 'sales' },
      { id: 'a1', name: 'Olga Ivanova', role: 'account' },
      { id: 't2', name: 'Dmitry Kuznetsov', role: 'telemarketer' },
      { id: 's2', name: 'Elena Popova', role: 'sales' },
      { id: 'a2', name: 'Sergey Volkov', role: 'account' },
    ];
    for (const person of people) await api('POST', '/api/employees', person);
    await api('POST', '/api/teams', { id: 'falcons', name: 'Falcons', members: { telemarketer: 't1', sales: 's1', account: 'a1' } });
    await api('POST', '/api/teams', { id: 'wolves', name: 'Wolves', members: { telemarketer: 't2', sales: 's2', account: 'a2' } });

    const page = await openBoard();
    await teamRow(page, 'falcons', 0).waitFor();
    await teamRow(page, 'wolves', 0).waitFor();
    // Each board arrives on its own: wait for the role lists too.
    await page.getByTestId('role-sales').getByTestId('person-row-s2').filter({ hasText: 'Elena Popova' }).waitFor();
    await personRow(page, 'a1', 0).waitFor();

    const reason = await meetingBy('t1');
    await teamRow(page, 'falcons', 15).waitFor();
    await personRow(page, 't1', 15).waitFor();
    await tickerReason(page, reason).waitFor();
    await expect(page.getByTestId('team-row-falcons').getAttribute('data-rank')).resolves.toBe('1');

    // Wolves overtake: the rows swap.
    await meetingBy('t2');
    await meetingBy('t2');
    await teamRow(page, 'wolves', 30).waitFor();
    await page.locator('[data-testid="team-row-wolves"][data-rank="1"]').waitFor();
    const order = await page
      .locator('[data-testid^="team-row-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')));
    expect(order).toEqual(['team-row-wolves', 'team-row-falcons']);
    await expect(page.getByTestId('period-label').textContent()).resolves.toMatch(/\d{4}/);
    await expect(page.getByTestId('countdown').textContent()).resolves.toMatch(/\d\d:\d\d:\d\d/);

    // A fuller office for the screenshots: four more triads with a morning's activity.
    await seedMoreTeams();
    await page.locator('[data-testid="team-row-lynx"]:not([data-points="0"])').waitFor();
    await settled(page);
    const small = await page.getByTestId('team-row-wolves').boundingBox();
    await screenshot(page, 'tv-1920.png');

    // 4K: the same board, every box twice as large.
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForFunction(() => document.documentElement.clientWidth === 3840);
    await settled(page);
    const large = await page.getByTestId('team-row-wolves').boundingBox();
    expect(small && large).toBeTruthy();
    expect(Math.abs(large!.width - 2 * small!.width)).toBeLessThan(4);
    expect(Math.abs(large!.height - 2 * small!.height)).toBeLessThan(4);
    await screenshot(page, 'tv-3840.png');
    await page.close();
  });

  it('shows when it is offline and recovers by itself, without a reload', async () => {
    const page = await openBoard();
    await teamRow(page, 'wolves', 30).waitFor();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await server.kill();
    // The socket notices at once; the board says "offline" after OFFLINE_AFTER_MS on its own clock: jump it.
    await page.locator('[data-testid="connection-state"]:is([data-state="reconnecting"], [data-state="offline"])').waitFor();
    await page.clock.fastForward(OFFLINE_AFTER_MS);
    await page.locator('[data-testid="connection-state"][data-state="offline"]').waitFor();
    await page.getByTestId('offline-banner').waitFor();
    await expect(page.getByTestId('last-updated').textContent()).resolves.toMatch(/\d\d:\d\d:\d\d/);
    await teamRow(page, 'wolves', 30).waitFor(); // the last known standings stay on screen
    await screenshot(page, 'tv-offline.png');

    // Back within 5 s of the server listening again (reconnect back-off is capped at 3 s), counted on
    // the screen's clock, stopped while the server is down: once it listens, 5 s of screen time must
    // bring the board back, as no retry due later than that ever comes.
    await pauseClock(page);
    await server.restart();
    await page.clock.runFor(5_000);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
    await page.clock.resume();
    await page.getByTestId('offline-banner').waitFor({ state: 'detached' });
    await teamRow(page, 'wolves', 30).waitFor();
    await teamRow(page, 'falcons', 15).waitFor();

    const reason = await meetingBy('t1');
    await teamRow(page, 'falcons', 30).waitFor();
    await tickerReason(page, reason).waitFor();
    await expect(page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
    await page.close();
  });
});
