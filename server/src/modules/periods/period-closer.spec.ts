import { expect, it } from 'vitest';
import { PeriodCloser } from './period-closer.js';

// A stop (SIGTERM) that came while the closer was reading closed the database under it
// (`SQLITE_MISUSE: Database handle is closed`, seen by bench/chaos.mjs): the module now waits for a
// check under way before Nest closes the connection.
it('lets a check under way finish before the module is destroyed', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const steps: string[] = [];
  const db = {
    read: async <T>(work: (em: object) => Promise<T>): Promise<T> => {
      steps.push('read started');
      await gate;
      const value = await work({});
      steps.push('read done');
      return value;
    },
  };
  const reader = { firstActivity: () => Promise.resolve(null), graceHours: () => Promise.resolve(0) };
  const periods = { closedKeys: () => Promise.resolve([]), postponements: () => Promise.resolve([]) };
  const time = { now: () => new Date('2026-11-25T09:00:00Z'), timeZone: 'Europe/Moscow' };
  const closer = new PeriodCloser(db as never, periods as never, reader as never, {} as never, time as never, {} as never);

  const check = closer.tick();
  const destroyed = closer.onModuleDestroy().then(() => steps.push('destroyed'));
  await Promise.resolve();
  expect(steps).toEqual(['read started']);
  release();
  await Promise.all([check, destroyed]);
  expect(steps).toEqual(['read started', 'read done', 'destroyed']);
});
