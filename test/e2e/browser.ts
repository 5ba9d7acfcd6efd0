import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  width?: number;
  height?: number;
  /** navigator.language and Accept-Language, e.g. `ru-RU`. */
  locale?: string;
  timezoneId?: string;
  /**
   * Where the pages' clock starts (Playwright's clock, installed before any page opens): it then runs
   * at real speed, and a test may jump it (`context.clock.fastForward`) or stop it (`pauseAt`).
   */
  now?: string;
}

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Headless Chromium on a fresh profile (so localStorage starts empty). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'conveyor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: options.width ?? 1920, height: options.height ?? 1080 },
    locale: options.locale ?? 'en-US',
    timezoneId: options.timezoneId ?? 'Europe/Moscow',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (options.now) await context.clock.install({ time: options.now });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Stops a page's clock (its timers and Date) about where it is. Playwright pauses at a given instant,
 * which must still be ahead when the call lands: aim a little ahead, further on a busy machine.
 */
export async function pauseClock(page: Page): Promise<void> {
  for (let ahead = 250; ; ahead *= 2) {
    const at = (await page.evaluate(() => Date.now())) + ahead;
    try {
      await page.clock.pauseAt(at);
      return;
    } catch (error) {
      if (ahead >= 16_000 || !String(error).includes('to the past')) throw error;
    }
  }
}
