/** GET /api/health. */
export interface Health {
  status: 'ok';
  version: string;
  timezone: string;
  /** The office's language: the UI default for everyone who has not chosen one. */
  locale: 'ru' | 'en';
  database: 'sqlite' | 'postgres';
  /** The client build the server serves (a hash of its index.html); screens reload when it changes. */
  build: string | null;
  time: string;
}
