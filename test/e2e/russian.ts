import type { Page } from 'playwright-core';

/**
 * What a screen in a given language must not show. The pure part (`russianProblems`,
 * `englishProblems`) reads one block of text; `screenBlocks` reads a page's visible text block by
 * block, with text inside `[translate="no"]` (names people typed, ids, tokens, URLs) left out.
 */

export type Rule = 'latin' | 'cyrillic' | 'key' | 'placeholder' | 'plural' | 'abbreviation' | 'number';

export interface Problem {
  rule: Rule;
  /** The offending piece of text. */
  match: string;
  /** What is wrong, and what was expected where that can be said. */
  note: string;
}

/** One block of visible text and the element it is in (a short CSS-like path). */
export interface Block {
  text: string;
  where: string;
}

/** Stands in for data (text inside `[translate="no"]`): neither a letter nor a digit. */
export const DATA = '\uFFFC';

const LETTER = 'A-Za-zА-Яа-яЁё';
const CYR = 'А-Яа-яЁё';
const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/;

// ---- raw keys and placeholders ----

/** `me.thisMonth`, `admin.people.title`: a word, a dot, a word, no space. */
const KEY = new RegExp(`(?<![${LETTER}\\d.])[a-z][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+(?![${LETTER}\\d])`, 'g');
/** `{count}`, `{n, plural, …`: an ICU argument left unformatted. */
const PLACEHOLDER = /\{\s*[A-Za-z_][\w]*\s*(?:[,}])/g;

function keys(text: string): Problem[] {
  const out: Problem[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ rule: 'placeholder', match: m[0], note: 'unformatted ICU placeholder' });
  for (const m of text.matchAll(KEY)) out.push({ rule: 'key', match: m[0], note: 'raw catalogue key' });
  return out;
}

// ---- Russian plurals ----

interface Noun {
  /** Nominative after 1, 2–4, 5–20 (CLDR one, few, many), and after a fraction (other). */
  one: string;
  few: string;
  many: string;
  /** Genitive singular (after «из 1», «до 21») and the nominative plural (never right after a number). */
  genitiveOne: string;
  plural: string;
}

const NOUNS: readonly Noun[] = [
  { one: 'очко', few: 'очка', many: 'очков', genitiveOne: 'очка', plural: 'очки' },
  { one: 'звонок', few: 'звонка', many: 'звонков', genitiveOne: 'звонка', plural: 'звонки' },
  { one: 'день', few: 'дня', many: 'дней', genitiveOne: 'дня', plural: 'дни' },
  { one: 'команда', few: 'команды', many: 'команд', genitiveOne: 'команды', plural: 'команды' },
  { one: 'клиент', few: 'клиента', many: 'клиентов', genitiveOne: 'клиента', plural: 'клиенты' },
];

/** Prepositions after which a count takes the genitive: «из 1 звонка», «до 5 очков». */
const GENITIVE = new Set(['из', 'до', 'от', 'для', 'без', 'около', 'более', 'менее', 'больше', 'меньше', 'кроме', 'свыше']);

const RU_PLURAL = new Intl.PluralRules('ru');

/** The form a count takes (CLDR plural rule for ru), in the nominative or after a genitive preposition. */
export function expectedForm(noun: Noun, count: number, genitive: boolean): string {
  const category = RU_PLURAL.select(count);
  if (genitive) return category === 'few' || category === 'many' ? noun.many : noun.genitiveOne;
  switch (category) {
    case 'one':
      return noun.one;
    case 'few':
      return noun.few;
    case 'many':
      return noun.many;
    default:
      return noun.few; // fractions: «1,5 очка»
  }
}

const GROUP = '[\\u0020\\u00A0\\u202F]';
/** A count: `5`, `21`, `350 000` (ru grouping), `1,5`. */
const COUNT = new RegExp(`(?<![${LETTER}\\d,.])(\\d{1,3}(?:${GROUP}\\d{3})+|\\d+)(?:,(\\d+))?(?![\\d])`, 'g');
/** What follows a count: an optional adjective («успешных»), then the word counted. */
const COUNTED = new RegExp(`^\\s+(?:[${CYR}]+(?:ых|ого|ый|ой|ий|их|ая|ое|ые|ие)\\s+)?([${CYR}]+)`);
/** The word before a count, for a genitive preposition. */
const BEFORE = new RegExp(`(?<![${LETTER}])([${CYR}]+)\\s+$`);

/** «очк.», «зв.», «дн.»: a count with an abbreviated noun. */
const ABBREVIATED = new RegExp(`(?<![${LETTER}])(?:очк|зв|звонк|дн|ком|команд|клиент|кл)\\.`, 'gi');

function plurals(text: string): Problem[] {
  const out: Problem[] = [];
  for (const m of text.matchAll(ABBREVIATED))
    out.push({ rule: 'abbreviation', match: m[0], note: 'abbreviated word: write the plural form out' });
  for (const m of text.matchAll(COUNT)) {
    const after = COUNTED.exec(text.slice(m.index + m[0].length));
    if (!after) continue;
    const word = after[1]!;
    const lower = word.toLowerCase();
    const noun = NOUNS.find((n) => [n.one, n.few, n.many, n.genitiveOne, n.plural].includes(lower));
    if (!noun) continue;
    const count = Number(m[1]!.replace(/\D/g, '')) + (m[2] ? Number(`0.${m[2]}`) : 0);
    const preposition = BEFORE.exec(text.slice(0, m.index))?.[1]?.toLowerCase();
    const genitive = preposition !== undefined && GENITIVE.has(preposition);
    const expected = expectedForm(noun, count, genitive);
    if (lower !== expected)
      out.push({
        rule: 'plural',
        match: `${genitive ? `${preposition} ` : ''}${m[0]}${after[0]}`,
        note: `wrong plural: after ${genitive ? `«${preposition} ${m[0]}»` : m[0]} the word is «${expected}»`,
      });
  }
  return out;
}

// ---- numbers ----

const MONTHS = 'январ[ья]|феврал[ья]|март[а]?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|август[а]?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]';
/** A year beside «год», «квартал» or a month: «2026 год», «IV квартал 2026», «ноябрь 2026», «25 ноября 2026 г.». */
const YEAR_CONTEXT = new RegExp(
  `(?:(?:квартал|${MONTHS}|год[ау]?)\\s+(?:19\\d\\d|20\\d\\d|2100)(?!\\d))|(?:(?<!\\d)(?:19\\d\\d|20\\d\\d|2100)\\s*(?:год[ау]?|г\\.))`,
  'gi',
);
/** Times and dates: `12:05`, `12:05:07`, `25.11.2026`, `2026-11-25`, `2026-11`, `2026-Q4`. */
const TIME_OR_DATE = /\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}(?:-\d{2})?|\d{4}-Q[1-4]/g;
/** 4+ digits together, or grouped with a comma or a dot (English or German grouping). */
const UNGROUPED = /(?<![\d,.])\d{4,}(?![\d])|(?<![\d,.])\d{1,3}(?:[,.]\d{3})+(?![\d,.]*\d)/g;

function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => ' '.repeat(m.length));
}

function numbers(text: string): Problem[] {
  const rest = blank(blank(text, TIME_OR_DATE), YEAR_CONTEXT);
  return [...rest.matchAll(UNGROUPED)].map((m) => ({
    rule: 'number' as const,
    match: m[0],
    note: `unformatted number: write it as "${new Intl.NumberFormat('ru-RU').format(Number(m[0].replace(/\D/g, '')))}"`,
  }));
}

// ---- words ----

function latin(text: string): Problem[] {
  const rest = blank(blank(text, PLACEHOLDER), KEY); // reported as keys already
  const out: Problem[] = [];
  for (const m of rest.matchAll(/[A-Za-z]{2,}/g)) {
    if (ROMAN.test(m[0])) continue; // «IV квартал»
    out.push({ rule: 'latin', match: m[0], note: 'Latin word on a Russian screen (mark names and ids translate="no")' });
  }
  return out;
}

function cyrillic(text: string): Problem[] {
  return [...text.matchAll(new RegExp(`[${CYR}]{2,}`, 'g'))].map((m) => ({
    rule: 'cyrillic' as const,
    match: m[0],
    note: 'Cyrillic word on an English screen (mark names translate="no")',
  }));
}

/** What is wrong with one block of text on a Russian screen. */
export function russianProblems(text: string): Problem[] {
  return [...keys(text), ...latin(text), ...plurals(text), ...numbers(text)];
}

/** What is wrong with one block of text on an English screen. */
export function englishProblems(text: string): Problem[] {
  return [...keys(text), ...cyrillic(text)];
}

/** One line per problem: the rule, the text, the element. Empty when all is well. */
export function report(blocks: readonly Block[], check: (text: string) => Problem[]): string[] {
  const lines: string[] = [];
  for (const block of blocks)
    for (const p of check(block.text))
      lines.push(`${p.rule}: «${p.match}» in «${block.text.replaceAll(DATA, '▢')}» at ${block.where} (${p.note})`);
  return lines;
}

// ---- the page ----

/**
 * The page's visible text, one block per block-level element (a flex item is a block): text nodes
 * that render (a Range over them has boxes), the shown option of each select, the placeholder of an
 * empty field. Text inside `[translate="no"]`, or marked with another `lang` than the page's, becomes `DATA`.
 */
export async function screenBlocks(page: Page): Promise<Block[]> {
  return page.evaluate((data) => {
    const path = (el: Element): string => {
      const parts: string[] = [];
      for (let at: Element | null = el; at && at !== document.body && parts.length < 4; at = at.parentElement) {
        const id = at.getAttribute('data-testid');
        const cls = [...at.classList].filter((c) => !c.startsWith('svelte-')).slice(0, 2);
        parts.unshift(`${at.localName}${id ? `[data-testid="${id}"]` : ''}${cls.map((c) => `.${c}`).join('')}`);
        if (id) break;
      }
      return parts.join(' > ');
    };
    const page = document.documentElement.lang;
    // Data, or text marked as another language (a language's own name in a switch: «Русский»).
    const isData = (node: Node): boolean => {
      const el = node instanceof Element ? node : node.parentElement;
      if (el?.closest('[translate="no"]')) return true;
      const lang = el?.closest('[lang]')?.getAttribute('lang');
      return !!lang && !!page && lang.split('-')[0] !== page.split('-')[0];
    };
    const blockOf = (el: Element): Element => {
      for (let at: Element | null = el; at; at = at.parentElement) {
        const display = getComputedStyle(at).display;
        if (!display.startsWith('inline') && display !== 'contents') return at;
      }
      return document.body;
    };
    const texts = new Map<Element, string>();
    const add = (block: Element, text: string): void => void texts.set(block, (texts.get(block) ?? '') + text);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (node) =>
        node instanceof Element && ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'TEXTAREA'].includes(node.tagName)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof HTMLBRElement) {
        add(blockOf(node), '\n');
        continue;
      }
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getClientRects().length === 0) continue; // not rendered: display none, a closed <details>
      const parent = node.parentElement!;
      if (!parent.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
      if (parent.closest('details:not([open]) > :not(summary)')) continue; // folded away
      add(blockOf(parent), isData(node) ? data : node.textContent);
    }
    for (const field of document.querySelectorAll('select, input, textarea')) {
      if (!(field as HTMLElement).checkVisibility?.() || isData(field)) continue;
      if (field instanceof HTMLSelectElement) {
        const option = field.selectedOptions[0];
        if (option?.text.trim()) add(field, isData(option) ? data : option.text);
      } else if ((field as HTMLInputElement).placeholder && !(field as HTMLInputElement).value) {
        add(field, (field as HTMLInputElement).placeholder);
      }
    }
    return [...texts].map(([el, text]) => ({ text: text.replace(/\s+/g, ' ').trim(), where: path(el) })).filter((b) => b.text);
  }, DATA);
}

/** The problems on a page in its language, one line each (see `report`): empty when all is well. */
export async function screenProblems(page: Page, lang: 'ru' | 'en'): Promise<string[]> {
  return report(await screenBlocks(page), lang === 'ru' ? russianProblems : englishProblems);
}

async function expectScreen(page: Page, lang: 'ru' | 'en', label: string): Promise<void> {
  const lines = await screenProblems(page, lang);
  if (lines.length > 0) throw new Error(`${label}: ${lines.length} problem(s) on the ${lang} screen:\n  ${lines.join('\n  ')}`);
}

/**
 * Fails, listing each offending text and its element, on a Latin word (outside `[translate="no"]`),
 * a raw catalogue key or placeholder, a missing or abbreviated Russian plural, or a big number
 * without the Russian grouping.
 */
export function expectRussianScreen(page: Page, label = page.url()): Promise<void> {
  return expectScreen(page, 'ru', label);
}

/** Fails on a Cyrillic word (outside `[translate="no"]`), a raw catalogue key or placeholder. */
export function expectEnglishScreen(page: Page, label = page.url()): Promise<void> {
  return expectScreen(page, 'en', label);
}
