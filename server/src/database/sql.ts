import type { EntityManager } from 'typeorm';

/**
 * Raw SQL for the hot paths, for repositories only. TypeORM's query builder and entity metadata cost
 * far more per call than the statement itself; these keep TypeORM's own placeholders (`?` on SQLite,
 * `$n` on PostgreSQL) so the SQL stays portable.
 */

/** `sql` with its named parameters (`:name`, `:...list`) turned into the driver's placeholders. */
export function bind(em: EntityManager, sql: string, params: Record<string, unknown>): [string, unknown[]] {
  return em.connection.driver.escapeQueryWithParameters(sql, params, {});
}

/** Rows in one statement at most: well under SQLite's (32,766) and PostgreSQL's (65,535) parameter limits. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1000;

const insertTexts = new Map<string, string>();

/**
 * Inserts rows (arrays of values in `columns` order) in as few multi-row statements as the
 * parameter limit allows. The statement text is built once per (table, columns, rows, suffix).
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<void> {
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await em.query(insertText(em, table, columns, part.length, suffix), part.flat());
  }
}

function insertText(em: EntityManager, table: string, columns: readonly string[], rows: number, suffix: string): string {
  const key = `${em.connection.driver.options.type}|${table}|${columns.join(',')}|${rows}|${suffix}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const names: Record<string, string> = {};
    const tuples: string[] = [];
    for (let r = 0, n = 0; r < rows; r++) {
      const tuple: string[] = [];
      for (let c = 0; c < columns.length; c++, n++) {
        names[`v${n}`] = ''; // a string, so every value becomes a placeholder
        tuple.push(`:v${n}`);
      }
      tuples.push(`(${tuple.join(', ')})`);
    }
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${suffix ? ` ${suffix}` : ''}`;
    [text] = bind(em, head, names);
    if (insertTexts.size > 500) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}
