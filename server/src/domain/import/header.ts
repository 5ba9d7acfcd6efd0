import { IMPORT_COLUMNS, REQUIRED_IMPORT_COLUMNS, why, type FieldReason, type ImportColumn } from '@conveyor/shared';

/** A header cell the import cannot use, named as the file names it. */
export interface ColumnProblem {
  column: string;
  /** In English, for API clients. */
  reason: string;
  /** As data, for screens. */
  why: FieldReason;
}

/** Where each known column sits in a row, and what the file calls it. */
export interface Header {
  /** The cell index of each column the file has. */
  index: Partial<Record<ImportColumn, number>>;
  /** The file's own name of each column it has, the catalogue's name of the others: errors name what a person can find. */
  label: Record<ImportColumn, string>;
  /** Header cells, empty ones included. */
  width: number;
}

/** Names a column goes by, compared without case, spaces or punctuation (`Occurred at`, `occurred_at`, `Дата и время`). */
const ALIASES: Record<ImportColumn, readonly string[]> = {
  id: ['ид', 'идентификатор', 'eventid', 'idсобытия', 'кодсобытия'],
  type: ['тип', 'событие', 'типсобытия', 'eventtype'],
  occurredAt: ['дата', 'датаивремя', 'датавремя', 'время', 'когда'],
  employeeId: ['employee', 'сотрудник', 'idсотрудника', 'менеджер'],
  clientId: ['client', 'клиент', 'idклиента', 'кодклиента'],
  clientName: ['названиеклиента', 'имяклиента', 'компания', 'названиекомпании'],
  durationSec: ['duration', 'длительность', 'длительностьсек', 'продолжительность', 'секунды'],
  amount: ['сумма', 'суммаруб'],
  toEmployeeId: ['toemployee', 'кому', 'переданкому', 'получатель'],
  source: ['источник'],
};

const squash = (name: string): string =>
  name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]/gu, '');

const BY_NAME = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((column) => [squash(column), ...ALIASES[column].map(squash)].map((name) => [name, column] as const)),
);

/** The catalogue's column a header cell names, if any. */
export function columnOf(name: string): ImportColumn | undefined {
  return BY_NAME.get(squash(name));
}

/**
 * Reads the header row: every non-empty cell must name a known column once; `type` and
 * `occurredAt` must be there. Empty cells (a trailing delimiter) are ignored with their values.
 */
export function readHeader(cells: readonly string[]): { ok: true; header: Header } | { ok: false; problems: ColumnProblem[] } {
  const problems: ColumnProblem[] = [];
  const index: Partial<Record<ImportColumn, number>> = {};
  const label = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, c])) as Record<ImportColumn, string>;
  cells.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '').trim();
    if (name === '') return;
    const column = columnOf(name);
    if (!column) {
      problems.push({
        column: name,
        reason: `is not a known column; the columns are ${IMPORT_COLUMNS.join(', ')}`,
        why: why('unknown_column', { columns: IMPORT_COLUMNS.join(', ') }),
      });
    } else if (index[column] !== undefined) {
      problems.push({
        column: name,
        reason: `names the same column as "${label[column]}"`,
        why: why('same_column', { column: label[column] }),
      });
    } else {
      index[column] = i;
      label[column] = name;
    }
  });
  for (const column of REQUIRED_IMPORT_COLUMNS)
    if (index[column] === undefined)
      problems.push({ column, reason: 'is required: the file has no such column', why: why('missing_column') });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, header: { index, label, width: cells.length } };
}

/** The delimiter of a header line: whichever of `;` and `,` it has more of outside quotes (`;` on a tie, as Russian Excel saves). */
export function detectDelimiter(line: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}
