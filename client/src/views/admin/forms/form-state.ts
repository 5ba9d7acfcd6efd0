// Pure helpers behind the console's forms: a form's state checked with the server's own zod
// schema, field by field; a form's state turned into the payload the server takes; a list reordered.
import { ERROR_CODES, issueReason, why, type FieldReason, type GradeLevel, type RuleParams, type RuleParamsPatch } from '@conveyor/shared';
import type { z } from 'zod';
import { HttpError } from '../../../lib/api/http.js';

/** Why each field is refused, by its path as the server names it (`levels[1].threshold`, `telemarketer.meetingScheduled`). */
export type FieldProblems = ReadonlyMap<string, FieldReason>;

/** A field path as the server writes it in `FieldError.field`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/**
 * What the server would refuse in `input`, by field: the same schema, the same reasons
 * (`FieldError.why`), so the message under a field is the one a refusal would carry. The first
 * problem of a field wins; problems of the whole body are under `body`.
 */
export function fieldProblems(schema: z.ZodType, input: unknown): FieldProblems {
  const parsed = schema.safeParse(input);
  const problems = new Map<string, FieldReason>();
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) {
      const field = fieldPath(path) || 'body';
      if (!problems.has(field)) problems.set(field, issueReason(issue, input).why);
    }
  }
  return problems;
}

/** Several sources of field problems as one, the first source's reason winning for a field. */
export function mergeProblems(...sources: FieldProblems[]): FieldProblems {
  const merged = new Map<string, FieldReason>();
  for (const problems of sources) for (const [path, reason] of problems) if (!merged.has(path)) merged.set(path, reason);
  return merged;
}

/**
 * A rule version given as a day starts at that day's first instant, so today has already begun and
 * the server refuses it as it refuses any earlier day (office dates, `YYYY-MM-DD`).
 */
export function pastDateProblem(field: string, date: string, today: string): FieldProblems {
  return new Map(date <= today ? [[field, why('in_past')]] : []);
}

/** A refusal's field problems, by field, for a form to show next to its fields; `fallback` says the ones with no reason as data. */
export function refusedFields(error: unknown): FieldProblems {
  const problems = new Map<string, FieldReason>();
  if (!(error instanceof HttpError) || !error.body) return problems;
  for (const e of error.body.errors) if (e.why && !problems.has(e.field)) problems.set(e.field, e.why);
  return problems;
}

/** Fields a refusal names without a reason as data (a conflict): said by the refusal's code. */
export function refusedCodes(error: unknown): ReadonlyMap<string, (typeof ERROR_CODES)[number]> {
  const codes = new Map<string, (typeof ERROR_CODES)[number]>();
  if (!(error instanceof HttpError) || !error.body || !(ERROR_CODES as readonly string[]).includes(error.body.code)) return codes;
  for (const e of error.body.errors) if (!e.why) codes.set(e.field, error.body.code);
  return codes;
}

// ---- numbers typed into fields ----

/** A number field's value: a number, or nothing typed (`null`, as an empty number input binds). */
export type Typed = number | null | undefined;

/** A typed number as the payload carries it: nothing typed is left out, so the schema says "не заполнено". */
export const typedNumber = (value: Typed): number | undefined =>
  value === null || value === undefined || Number.isNaN(value) ? undefined : value;

// ---- rules ----

/** The rules form: every number of the scheme, some perhaps not typed. */
export type RuleDraft = { [G in keyof RuleParams]: { [K in keyof RuleParams[G]]: Typed } };

/** A copy of the rules to edit (plain data: a reactive proxy cannot be structured-cloned). */
export const ruleDraft = (rules: RuleParams): RuleDraft => JSON.parse(JSON.stringify(rules)) as RuleDraft;

/** The draft as a whole set of numbers (what the schema checks: nothing typed is "required"). */
export function ruleParamsOf(draft: RuleDraft): Record<string, Record<string, number | undefined>> {
  const out: Record<string, Record<string, number | undefined>> = {};
  for (const [group, fields] of Object.entries(draft)) {
    out[group] = {};
    for (const [name, value] of Object.entries(fields as Record<string, Typed>)) out[group][name] = typedNumber(value);
  }
  return out;
}

/** Only the numbers that differ from `base`: a new version names what it changes, the rest follows the version before. */
export function rulePatch(base: RuleParams, draft: RuleDraft): RuleParamsPatch {
  const patch: Record<string, Record<string, number | undefined>> = {};
  for (const [group, fields] of Object.entries(ruleParamsOf(draft))) {
    const was = base[group as keyof RuleParams] as Record<string, number>;
    for (const [name, value] of Object.entries(fields)) {
      if (value === was[name]) continue;
      (patch[group] ??= {})[name] = value;
    }
  }
  return patch;
}

/** How many numbers a patch changes. */
export const patchSize = (patch: RuleParamsPatch): number =>
  Object.values(patch).reduce((n, group) => n + Object.keys(group ?? {}).length, 0);

// ---- the grade ladder ----

/** One rung as the form holds it. */
export interface LevelDraft {
  /** A key for the row while it is edited (rows move and go). */
  key: number;
  name: string;
  threshold: Typed;
}

export const ladderPayload = (
  window: string,
  levels: readonly LevelDraft[],
): { window: string; levels: { name: string; threshold: number | undefined }[] } => ({
  window,
  levels: levels.map((l) => ({ name: l.name, threshold: typedNumber(l.threshold) })),
});

/** The grade held with `points` on a ladder (the server's rule: the highest rung reached), or null below the first. */
export function gradeOf(points: number, levels: readonly GradeLevel[]): string | null {
  let held: string | null = null;
  for (const level of levels) if (points >= level.threshold) held = level.name;
  return held;
}

// ---- lists ----

/** `list` with the item at `from` moved to `to` (both indexes into `list`); out of range changes nothing. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

// ---- previews ----

/** One line of a preview: who, before, after and the difference. */
export interface PreviewLine {
  id: string;
  name: string;
  /** Where they are (a person's team), when known. */
  detail: string | null;
  before: number;
  after: number;
  diff: number;
}

/**
 * Two boards of the same period joined by id, the biggest changes first, then by name: what a
 * proposal would change for each one. Someone only one board lists counts 0 on the other.
 */
export function previewLines(
  before: readonly { id: string; name: string; points: number; teamName?: string | null }[],
  after: readonly { id: string; points: number }[],
): PreviewLine[] {
  const next = new Map(after.map((row) => [row.id, row.points]));
  return before
    .map((row) => {
      const proposed = next.get(row.id) ?? 0;
      return { id: row.id, name: row.name, detail: row.teamName ?? null, before: row.points, after: proposed, diff: proposed - row.points };
    })
    .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || a.name.localeCompare(b.name));
}

// ---- dates ----

/** Days in a month (1-12) of a year. */
export const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `YYYY-MM-DD`, the day clamped to the month (31 → 30 in November). */
export function isoDate(year: number, month: number, day: number): string {
  const d = Math.min(Math.max(1, day), daysIn(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` → its numbers. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { year: y ?? 2000, month: m ?? 1, day: d ?? 1 };
}

/** A date inside a period: its first day (a month 1-12, a quarter 1-4, or the year). */
export function periodStart(kind: 'month' | 'quarter' | 'year', year: number, index: number): string {
  if (kind === 'year') return isoDate(year, 1, 1);
  return kind === 'quarter' ? isoDate(year, (index - 1) * 3 + 1, 1) : isoDate(year, index, 1);
}

/** The offset of a time zone at an instant, as ISO writes it (`+03:00`, `Z`); the browser's zone without one. */
export function zoneOffset(at: number, timeZone: string | undefined): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')
      ?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' ? 'Z' : offset;
}

/** An office-local date and hour as an instant with the office's offset: `2026-12-02T18:00:00+03:00`. */
export function zonedInstant(date: string, hour: number, timeZone: string | undefined): string {
  const local = `${date}T${String(hour).padStart(2, '0')}:00:00`;
  // The offset at that moment (read at the same wall time taken as UTC, then corrected once for a zone far from it).
  const guess = Date.parse(`${local}Z`);
  const first = zoneOffset(guess, timeZone);
  const offset = zoneOffset(Date.parse(`${local}${first}`), timeZone);
  return `${local}${offset}`;
}
