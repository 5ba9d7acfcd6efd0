// The grade ladder and the wall's slides are edited as text, one `name: number` per line.

/** `[['Bronze', 1000], ['Silver', 3000]]` → "Bronze: 1000\nSilver: 3000". */
export const asLines = (pairs: [string, number][]): string => pairs.map(([name, n]) => `${name}: ${n}`).join('\n');

/** The `name: number` lines of a text; lines without one colon or without a name are skipped. */
export const namedNumbers = (text: string): [string, number][] =>
  text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((parts) => parts.length === 2 && parts[0]!.trim())
    .map(([name, n]) => [name!.trim(), Number(n)]);
