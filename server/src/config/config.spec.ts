import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './config.js';

describe('loadEnv', () => {
  it('fills the documented defaults', () => {
    expect(loadEnv({})).toMatchObject({
      PORT: 3000,
      DATABASE_PATH: './data/conveyor.db',
      OFFICE_TIMEZONE: 'Europe/Moscow',
      SQLITE_SYNCHRONOUS: 'FULL',
      ALLOWED_ORIGINS: [],
    });
  });

  it('names every bad variable and why', () => {
    expect(() => loadEnv({ PORT: 'abc', OFFICE_TIMEZONE: 'Mars/Base', CONVEYOR_ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    try {
      loadEnv({ PORT: 'abc', OFFICE_TIMEZONE: 'Mars/Base', CONVEYOR_ADMIN_TOKEN: 'short' });
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toContain('PORT="abc": must be a port number from 0 to 65535');
      expect(text).toContain('OFFICE_TIMEZONE="Mars/Base": must be an IANA time zone name');
      expect(text).toContain('CONVEYOR_ADMIN_TOKEN=(hidden): must be at least 16 characters');
      expect(text).not.toContain('short');
    }
  });

  it('takes Berlin and a list of origins', () => {
    expect(loadEnv({ OFFICE_TIMEZONE: 'Europe/Berlin', ALLOWED_ORIGINS: 'http://a.test, http://b.test' })).toMatchObject({
      OFFICE_TIMEZONE: 'Europe/Berlin',
      ALLOWED_ORIGINS: ['http://a.test', 'http://b.test'],
    });
  });
});
