import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the browser tests write their screenshots, and where the docs keep the ones they show. */
export const SHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
export const DOCS_SCREENS = fileURLToPath(new URL('../../docs/screens/', import.meta.url));

/** Puts a screenshot a test has just taken (and checked) into docs/screens/ under the name the docs use. */
export function toDocs(shot: string, docsName: string): void {
  mkdirSync(DOCS_SCREENS, { recursive: true });
  copyFileSync(`${SHOTS}${shot}.png`, `${DOCS_SCREENS}${docsName}.png`);
}
