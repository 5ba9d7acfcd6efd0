import type { PeriodKind } from '@conveyor/shared';
import { IntlMessageFormat } from 'intl-messageformat';
import { createSubscriber } from 'svelte/reactivity';
import { en, type MessageKey } from './catalogue.en.js';
import { ru } from './catalogue.ru.js';

export type Lang = 'ru' | 'en';
export type { MessageKey };

/** The message catalogues, ICU MessageFormat, by language. */
export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { ru, en };

/** What a message may be given: numbers stay numbers (plurals), the rest is already text. */
export type MessageParams = Readonly<Record<string, string | number>>;

// ---- the UI language: one value for the page, switched without a reload ----

let current: Lang = 'en';
let currentLocale = localeOf(current);
const listeners = new Set<() => void>();
/** Reading the language in a template or `$derived` makes it re-render when the language changes. */
const track = createSubscriber((update) => {
  listeners.add(update);
  return () => listeners.delete(update);
});

/** The UI language. */
export function lang(): Lang {
  track();
  return current;
}

/** The BCP 47 locale for `Intl` formatting: the browser's own when it matches the UI language. */
export function locale(): string {
  track();
  return currentLocale;
}

/** Switches the UI language in place: every text on screen follows. */
export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  currentLocale = localeOf(next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const update of listeners) update();
}

function localeOf(of: Lang): string {
  return typeof navigator !== 'undefined' && navigator.language.toLowerCase().startsWith(of)
    ? navigator.language
    : of === 'ru'
      ? 'ru-RU'
      : 'en-GB';
}

// ---- messages ----

const compiled = new Map<string, IntlMessageFormat>();

/** A catalogue message in a given language. */
export function message(of: Lang, key: MessageKey, params?: MessageParams): string {
  const id = `${of}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGUES[of][key], of === 'ru' ? 'ru' : 'en', undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return String(format.format<string>(params));
}

/** A catalogue message in the UI language. */
export function t(key: MessageKey, params?: MessageParams): string {
  return message(lang(), key, params);
}

// ---- messages with data in them (names people typed, ids): shown apart, marked translate="no" ----

/** A piece of a message: UI text, or data that no one translates (a name, an id). */
export interface TextPart {
  text: string;
  data: boolean;
}

const DATA_MARK = /\uE000(\d+)\uE001/;

/** Collects data values while a message is made, then cuts the made text back into parts. */
export class DataMarks {
  readonly #values: string[] = [];

  /** A stand-in for `value` that survives formatting (private-use characters around its index). */
  mark(value: string): string {
    this.#values.push(value);
    return `\uE000${this.#values.length - 1}\uE001`;
  }

  /** The made text, with each stand-in back as a data part; empty pieces are dropped. */
  parts(text: string): TextPart[] {
    const pieces = text.split(DATA_MARK);
    return pieces
      .map((piece, i) => (i % 2 === 1 ? { text: this.#values[Number(piece)] ?? '', data: true } : { text: piece, data: false }))
      .filter((part) => part.text !== '');
  }
}

/** A catalogue message in the UI language, its `data` params (names, ids) as parts of their own. */
export function tParts(key: MessageKey, params: MessageParams = {}, data: Readonly<Record<string, string>> = {}): TextPart[] {
  const marks = new DataMarks();
  const all: Record<string, string | number> = { ...params };
  for (const [name, value] of Object.entries(data)) all[name] = marks.mark(value);
  return marks.parts(t(key, all));
}

/** Upper-cases the first letter: a name used as a heading ("Декабрь 2026"). */
export function capitalize(text: string, of: Lang = lang()): string {
  return text.charAt(0).toLocaleUpperCase(of) + text.slice(1);
}

// ---- numbers that need the catalogue's language ----

/** Money in its currency: "350 000 ₽", "₽350,000"; kopecks only when there are any. */
export function formatMoney(amount: number, currency: string, of: Lang = lang()): string {
  const whole = Number.isInteger(amount);
  try {
    return new Intl.NumberFormat(of === current ? locale() : localeOf(of), {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(amount);
  } catch {
    return `${amount} ${currency}`; // not an ISO currency code
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** The kind of a period key: `2026-12` a month, `2026-Q4` a quarter, `2026` a year. */
export function periodKindOf(key: string): PeriodKind | null {
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return null;
}

/**
 * A period's name for people, from its key (`2026-12`, `2026-Q4`, `2026`): "декабрь 2026",
 * "IV квартал 2026", "2026 год"; "December 2026", "Q4 2026", "2026". Lower-case as running text;
 * `heading` capitalizes it. The key is already in the office's calendar, so no time zone math here.
 */
export function periodName(kind: PeriodKind, key: string, options: { heading?: boolean; of?: Lang } = {}): string {
  const of = options.of ?? lang();
  const year = key.slice(0, 4);
  let text: string;
  switch (kind) {
    case 'month': {
      const month = new Intl.DateTimeFormat(of, { month: 'long', timeZone: 'UTC' }).format(
        Date.UTC(Number(year), Number(key.slice(5, 7)) - 1, 1),
      );
      text = message(of, 'period.month', { month, year });
      break;
    }
    case 'quarter': {
      const quarter = Number(key.slice(-1));
      text = message(of, 'period.quarter', { quarter: String(quarter), roman: ROMAN[quarter - 1] ?? String(quarter), year });
      break;
    }
    case 'year':
      text = message(of, 'period.year', { year });
      break;
    default: {
      const never: never = kind;
      return String(never);
    }
  }
  return options.heading ? capitalize(text, of) : text;
}

/** A period's name from its key alone (`2026-11` → "ноябрь 2026"); a key of no known shape as it is. */
export function periodLabel(key: string): string {
  const kind = periodKindOf(key);
  return kind ? periodName(kind, key) : key;
}

// ---- which language a screen starts in ----

/** `ru` for any Russian locale (and `?lang=ru`), `en` otherwise. */
export function pickLang(requested: readonly (string | null | undefined)[]): Lang {
  for (const tag of requested) {
    if (!tag) continue;
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

const LANG_KEY = 'conveyor.lang';

/** The person's own choice on this device, if any. */
export function storedLang(): Lang | null {
  try {
    const value = window.localStorage.getItem(LANG_KEY);
    return value === 'ru' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/** Remembers (or, with null, forgets) the person's choice on this device. */
export function storeLang(choice: Lang | null): void {
  try {
    if (choice) window.localStorage.setItem(LANG_KEY, choice);
    else window.localStorage.removeItem(LANG_KEY);
  } catch {
    // storage unavailable: the choice lasts for this page
  }
}

const urlLang = (): string | null => new URLSearchParams(window.location.search).get('lang');

/**
 * Settles the language at start with the office's default known (GET /api/health). The wall TV
 * follows the office (or its `?lang=`); a phone or the console: `?lang=`, then the person's choice
 * on this device, then the office's language, then the browser's.
 */
export function initLang(office: Lang | null, screen: 'tv' | 'person'): void {
  const choice =
    screen === 'tv'
      ? pickLang([urlLang(), office])
      : pickLang([urlLang(), storedLang(), office, ...(navigator.languages ?? []), navigator.language]);
  current = choice;
  currentLocale = localeOf(choice);
  document.documentElement.lang = choice;
  for (const update of listeners) update();
}

/** The TV follows the office's language when a manager changes it, unless its address fixes one. */
export function followOfficeLang(office: Lang | null | undefined): void {
  if (office && !urlLang()) setLang(office);
}

/** Follows the language a signed-in person chose (kept on the server), unless `?lang=` forces one. */
export function followPersonLang(chosen: Lang | null): void {
  if (!chosen || urlLang()) return;
  storeLang(chosen);
  setLang(chosen);
}

/** The person picks a language: it applies at once, is kept on this device and drops a `?lang=` from the address. */
export function chooseLang(next: Lang): void {
  storeLang(next);
  if (urlLang()) {
    const url = new URL(window.location.href);
    url.searchParams.delete('lang');
    history.replaceState(history.state, '', url.toString());
  }
  setLang(next);
}
