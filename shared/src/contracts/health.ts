/** GET /api/health. */
export interface Health {
  status: 'ok';
  version: string;
  timezone: string;
  database: 'sqlite' | 'postgres';
  time: string;
}
