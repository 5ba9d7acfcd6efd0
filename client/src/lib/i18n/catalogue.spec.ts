import { ERROR_CODES, FIELD_REASONS, INTEGRATION_SYSTEMS, REASON_CODES, REVERSAL_CAUSES } from '@conveyor/shared';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, message, type MessageKey } from './i18n.js';
import { en } from './catalogue.en.js';
import { ru } from './catalogue.ru.js';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.spec.ts') && !/catalogue\.\w+\.ts$/.test(name) ? [path] : [];
  });
}

const code = sources(SRC)
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');
const keys = Object.keys(en) as MessageKey[];

describe('the message catalogues', () => {
  it('have the same keys in Russian and English', () => {
    expect(Object.keys(ru).sort()).toEqual([...keys].sort());
  });

  it('say every reason code, reversal cause and error code in both languages', () => {
    for (const lang of ['ru', 'en'] as const) {
      const catalogue: Record<string, string> = CATALOGUES[lang];
      for (const reasonCode of REASON_CODES) expect(catalogue[`reason.${reasonCode}`], `${lang} reason.${reasonCode}`).toBeTruthy();
      for (const cause of REVERSAL_CAUSES) expect(catalogue[`cause.${cause}`], `${lang} cause.${cause}`).toBeTruthy();
      for (const errorCode of ERROR_CODES) expect(catalogue[`error.${errorCode}`], `${lang} error.${errorCode}`).toBeTruthy();
    }
  });

  it('say every field reason code in both languages', () => {
    for (const lang of ['ru', 'en'] as const) {
      const catalogue: Record<string, string> = CATALOGUES[lang];
      for (const reason of FIELD_REASONS) expect(catalogue[`field.reason.${reason}`], `${lang} field.reason.${reason}`).toBeTruthy();
    }
  });

  it('are valid ICU messages', () => {
    for (const lang of ['ru', 'en'] as const) for (const key of keys) expect(() => message(lang, key, {})).not.toThrow(/syntax|parse/i);
  });

  it("have no Latin letters in Russian (a quarter's Roman numeral comes as a param)", () => {
    // The text of a message without its ICU syntax: `{n, plural, one {# очко} …}` → `# очко …`, `{n, number}` → ``.
    const text = (pattern: string): string =>
      pattern
        .replace(/\{\w+, (plural|select),/g, '')
        .replace(/\{\w+(, number)?\}/g, '') // `{n, number}`: a number in the language's grouping
        .replace(/\b\w+\s*\{/g, ''); // a plural or select branch's key
    // A brand name (`system.amocrm`: amoCRM) is a name: the same in both catalogues, shown translate="no".
    const brand = (key: MessageKey): boolean => key.startsWith('system.') && ru[key] === en[key];
    const latin = keys.filter((key) => !brand(key) && /[A-Za-z]/.test(text(ru[key])));
    expect(latin).toEqual([]);
  });

  it('name every integration system, its brand as it is written', () => {
    for (const system of INTEGRATION_SYSTEMS) expect(en[`system.${system}`], system).toBeTruthy();
    expect(ru['system.bitrix24']).toBe('Bitrix24');
    expect(ru['system.generic']).toBe('Свой вебхук');
  });

  it('are all used somewhere in the client', () => {
    // A key is used when the source names it, or builds it from a list: `reason.${code}`, `role.${role}`.
    const prefixes = [...code.matchAll(/`([\w.]+\.)\$\{/g)].map((m) => m[1]!);
    const unused = keys.filter((key) => !code.includes(`'${key}'`) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });
});
