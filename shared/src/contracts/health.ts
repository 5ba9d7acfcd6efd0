/** GET /api/health. */
export interface Health {
  status: 'ok';
  version: string;
  timezone: string;
  /** The office's language: the UI default for everyone who has not chosen one. */
  locale: 'ru' | 'en';
  database: 'sqlite' | 'postgres';
  time: string;
}
