import { DEFAULT_WALL, GradeLadderSchema, RuleParamsSchema, WallSettingsSchema, type RuleParams } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../lib/api/http.js';
import { setLang } from '../../../lib/i18n/i18n.js';
import {
  fieldProblems,
  gradeOf,
  isoDate,
  ladderPayload,
  moved,
  patchSize,
  periodStart,
  previewLines,
  pastDateProblem,
  refusedCodes,
  refusedFields,
  ruleDraft,
  ruleParamsOf,
  rulePatch,
  zonedInstant,
} from './form-state.js';
import { blockedText, messageAt } from './messages.js';

const RULES: RuleParams = {
  telemarketer: {
    successfulCallSec: 30,
    successfulCall: 1,
    dailyNorm: 45,
    dailyNormBonus: 10,
    emailGeneral: 2,
    needIdentified: 5,
    emailDecisionMaker: 3,
    meetingScheduled: 15,
    firstPaymentBonus: 25,
  },
  sales: { meetingHeld: 5, contractSigned: 20, firstPaymentPerThousand: 1, renewalPerThousand: 1 },
  account: { paymentPerThousand: 0.5, newClientMultiplier: 2, newClientMonths: 3, retentionThreshold: 300_000, retentionBonus: 50 },
  team: { chainCompleted: 30, targetBonus: 100 },
};

describe('the rules form', () => {
  it('sends only the numbers that changed', () => {
    const draft = ruleDraft(RULES);
    expect(rulePatch(RULES, draft)).toEqual({});
    draft.telemarketer.meetingScheduled = 20;
    draft.account.paymentPerThousand = 0.75;
    const patch = rulePatch(RULES, draft);
    expect(patch).toEqual({ telemarketer: { meetingScheduled: 20 }, account: { paymentPerThousand: 0.75 } });
    expect(patchSize(patch)).toBe(2);
  });

  it('says an emptied or negative number by its field, as the server would refuse it', () => {
    setLang('ru');
    const draft = ruleDraft(RULES);
    draft.telemarketer.meetingScheduled = null;
    draft.sales.meetingHeld = -1;
    const problems = fieldProblems(RuleParamsSchema, ruleParamsOf(draft));
    expect(problems.get('telemarketer.meetingScheduled')).toEqual({ code: 'required' });
    expect(problems.get('sales.meetingHeld')).toEqual({ code: 'too_small', params: { min: 0, inclusive: true } });
    expect(messageAt('sales.meetingHeld', 'Встреча проведена', problems)).toBe('Встреча проведена: не меньше 0');
    expect(messageAt('telemarketer.meetingScheduled', 'Встреча назначена', problems)).toBe('Встреча назначена: не заполнено');
    expect(blockedText(problems, () => 'Встреча назначена')).toBe('Сохранить нельзя — Встреча назначена: не заполнено');
    expect(blockedText(new Map(), () => '')).toBeNull();
  });

  it('takes a fraction only where the scheme has one', () => {
    const draft = ruleDraft(RULES);
    draft.telemarketer.successfulCall = 1.5;
    expect(fieldProblems(RuleParamsSchema, ruleParamsOf(draft)).get('telemarketer.successfulCall')).toEqual({
      code: 'wrong_type',
      params: { expected: 'int' },
    });
  });
});

describe('the grade ladder form', () => {
  it('names the row whose threshold does not rise, and a name given twice', () => {
    setLang('ru');
    const payload = ladderPayload('quarter', [
      { key: 1, name: 'Бронза', threshold: 1000 },
      { key: 2, name: 'Серебро', threshold: 900 },
      { key: 3, name: 'бронза', threshold: 5000 },
    ]);
    const problems = fieldProblems(GradeLadderSchema, payload);
    expect(problems.get('levels[1].threshold')).toEqual({ code: 'not_ascending' });
    expect(problems.get('levels[2].name')).toEqual({ code: 'repeated', params: { value: 'бронза' } });
    expect(messageAt('levels[1].threshold', 'Уровень 2: очков от', problems)).toBe(
      'Уровень 2: очков от: должно быть больше, чем у предыдущего уровня',
    );
  });

  it('says a level with no threshold is not filled in', () => {
    const problems = fieldProblems(GradeLadderSchema, ladderPayload('quarter', [{ key: 1, name: 'Бронза', threshold: null }]));
    expect(problems.get('levels[0].threshold')).toEqual({ code: 'required' });
  });

  it('grades points as the server does: the highest rung reached', () => {
    const levels = [
      { name: 'Бронза', threshold: 1000 },
      { name: 'Серебро', threshold: 3000 },
    ];
    expect(gradeOf(999, levels)).toBeNull();
    expect(gradeOf(1000, levels)).toBe('Бронза');
    expect(gradeOf(5000, levels)).toBe('Серебро');
  });
});

describe('the wall slides', () => {
  it('move by one place up or down, and a move out of the list changes nothing', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('refuse a slide shown for less than 5 seconds, by its row', () => {
    const slides = DEFAULT_WALL.slides.map((s, i) => (i === 1 ? { ...s, seconds: 3 } : s));
    expect(fieldProblems(WallSettingsSchema, { ...DEFAULT_WALL, slides }).get('slides[1].seconds')).toEqual({
      code: 'too_small',
      params: { min: 5, inclusive: true },
    });
  });
});

describe('a preview', () => {
  it('joins two boards by id, the biggest change first', () => {
    const lines = previewLines(
      [
        { id: 'a', name: 'Анна', points: 10, teamName: 'Волки' },
        { id: 'b', name: 'Борис', points: 30 },
        { id: 'c', name: 'Вера', points: 5 },
      ],
      [
        { id: 'a', points: 25 },
        { id: 'b', points: 28 },
      ],
    );
    expect(lines.map((l) => [l.id, l.before, l.after, l.diff])).toEqual([
      ['a', 10, 25, 15],
      ['c', 5, 0, -5],
      ['b', 30, 28, -2],
    ]);
    expect(lines[0]!.detail).toBe('Волки');
  });
});

describe('dates', () => {
  it('clamp a day to its month and start a period on its first day', () => {
    expect(isoDate(2026, 2, 31)).toBe('2026-02-28');
    expect(isoDate(2028, 2, 30)).toBe('2028-02-29');
    expect(periodStart('quarter', 2026, 4)).toBe('2026-10-01');
    expect(periodStart('month', 2026, 11)).toBe('2026-11-01');
    expect(periodStart('year', 2027, 5)).toBe('2027-01-01');
  });

  it('refuse a rule version from today or earlier: a day starts at its first instant, already past', () => {
    expect(pastDateProblem('effectiveFrom', '2026-11-24', '2026-11-25').get('effectiveFrom')).toEqual({ code: 'in_past' });
    expect(pastDateProblem('effectiveFrom', '2026-11-25', '2026-11-25').get('effectiveFrom')).toEqual({ code: 'in_past' });
    expect(pastDateProblem('effectiveFrom', '2026-11-26', '2026-11-25').size).toBe(0);
  });

  it("write an office's day and hour with the office's offset", () => {
    expect(zonedInstant('2026-12-02', 18, 'Europe/Moscow')).toBe('2026-12-02T18:00:00+03:00');
    expect(zonedInstant('2026-07-01', 9, 'Europe/Berlin')).toBe('2026-07-01T09:00:00+02:00');
    expect(zonedInstant('2026-01-05', 0, 'UTC')).toBe('2026-01-05T00:00:00+00:00');
  });
});

describe('a refusal', () => {
  it("puts each field's reason by its field, and a conflict's code by its field", () => {
    const refused = new HttpError(422, {
      code: 'rules.in_past',
      message: 'A rule version cannot take effect in the past',
      errors: [{ index: 0, field: 'effectiveFrom', reason: 'must not be before now', why: { code: 'in_past' } }],
    });
    expect(refusedFields(refused).get('effectiveFrom')).toEqual({ code: 'in_past' });
    const taken = new HttpError(409, {
      code: 'reward.place_taken',
      message: 'That place already has a reward',
      errors: [{ index: 0, field: 'place', reason: 'taken' }],
    });
    expect(refusedCodes(taken).get('place')).toBe('reward.place_taken');
    expect(refusedFields(new Error('offline')).size).toBe(0);
  });
});
