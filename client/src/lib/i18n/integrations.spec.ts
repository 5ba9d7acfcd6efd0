import { DELIVERY_REASONS, INTEGRATION_SYSTEMS, SYSTEM_SETTINGS } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { message, type TextPart } from './i18n.js';
import { guideParts, reasonParts, rowReasonParts, settingLabel, summaryParts, talkTime } from './integrations.js';

const plain = (parts: readonly TextPart[]): string =>
  parts
    .map((p) => p.text)
    .join('')
    .replace(/[\u00a0\u202f]/g, ' ');
const data = (parts: readonly TextPart[]): string[] => parts.filter((p) => p.data).map((p) => p.text);
/** What a Russian screen shows outside data: no Latin word may be left there. */
const words = (parts: readonly TextPart[]): string =>
  parts
    .filter((p) => !p.data)
    .map((p) => p.text)
    .join('');

describe('talk time', () => {
  it('reads as a clock', () => {
    expect(talkTime(42)).toBe('0:42');
    expect(talkTime(725)).toBe('12:05');
    expect(talkTime(3723)).toBe('1:02:03');
    expect(talkTime(-3)).toBe('0:00');
  });
});

describe('what a delivery said', () => {
  it('says an event of the catalogue in words', () => {
    expect(plain(summaryParts({ type: 'meeting.scheduled' }, 'ru'))).toBe('встреча назначена');
    expect(plain(summaryParts({ type: 'call' }, 'ru'))).toBe('звонок');
    expect(plain(summaryParts({ events: 3 }, 'ru'))).toBe('3 события');
    expect(plain(summaryParts({ events: 5 }, 'ru'))).toBe('5 событий');
    expect(plain(summaryParts({ events: 21 }, 'en'))).toBe('21 events');
  });

  it('says a telephony call with its direction, talk time and extension; numbers are data', () => {
    const parts = summaryParts({ type: 'call', direction: 'incoming', durationSec: 42, extension: '101', phone: '+79161234567' }, 'ru');
    expect(plain(parts)).toBe('входящий звонок, разговор 0:42, внутренний номер 101, +79161234567');
    expect(data(parts)).toEqual(['101', '+79161234567']);
    expect(plain(summaryParts({ direction: 'out', durationSec: 5 }, 'en'))).toBe('outgoing call, talk 0:05');
  });

  it('says a CRM stage, a deal and money; an unknown value stays as data, never its key', () => {
    const parts = summaryParts({ statusLabel: 'Встреча назначена', deal: 42, amount: 350000, hookKind: 'leads' }, 'ru');
    expect(plain(parts)).toBe('этап Встреча назначена, сделка 42, 350 000 ₽, leads');
    expect(data(parts)).toEqual(['Встреча назначена', '42', 'leads']);
    expect(words(parts)).not.toMatch(/[A-Za-z]/);
  });
});

describe('why a delivery was not scored', () => {
  it('has words for every reason in both languages', () => {
    for (const reason of DELIVERY_REASONS)
      for (const of of ['ru', 'en'] as const) expect(plain(reasonParts(reason, {}, of)), `${of} ${reason}`).not.toBe('');
  });

  it('says the field and the reason of a malformed delivery in Russian', () => {
    const parts = reasonParts('malformed', { field: 'durationSec', reason: 'is required for call' }, 'ru');
    expect(plain(parts)).toBe('Не тот формат данных: поле durationSec — нужно для события «звонок»');
    expect(data(parts)).toEqual(['durationSec']);
  });

  it('says why the ledger refused, by its error code', () => {
    expect(plain(reasonParts('refused_by_ledger', { code: 'event.future_time' }, 'ru'))).toBe(
      'Событие не принято: Событие датировано будущим временем.',
    );
  });

  it('says nothing for no reason (a scored delivery)', () => {
    expect(reasonParts(null)).toEqual([]);
    expect(reasonParts('no_such_reason')).toEqual([]);
  });
});

describe("a row's reason", () => {
  it('puts the event contract’s English reasons in Russian', () => {
    expect(plain(rowReasonParts('is required', 'ru'))).toBe('не заполнено');
    expect(plain(rowReasonParts('is not used by payment.received', 'ru'))).toBe('не используется в событии «оплата»');
    expect(plain(rowReasonParts('must be at most 200 characters', 'ru'))).toBe('не длиннее 200 символов');
    expect(plain(rowReasonParts('must be at least 0', 'ru'))).toBe('не меньше 0');
    expect(plain(rowReasonParts('must have at most 2 decimal places', 'ru'))).toBe('не больше двух знаков после запятой');
    const date = rowReasonParts('must be an ISO-8601 date-time with a time zone, e.g. 2026-11-27T10:00:00+03:00', 'ru');
    expect(words(date)).toBe('нужны дата и время с часовым поясом, например ');
    const oneOf = rowReasonParts('must be one of: call, email.general', 'ru');
    expect(plain(oneOf)).toBe('допустимые значения: call, email.general');
    expect(data(oneOf)).toEqual(['call, email.general']);
  });

  it('keeps a reason of no known shape as it is, as data', () => {
    expect(rowReasonParts('no such employee', 'ru')).toEqual([{ text: 'no such employee', data: true }]);
  });
});

describe('the guides and labels of the systems', () => {
  it('say where to paste the address for every system, its brand and screen words as data', () => {
    for (const system of INTEGRATION_SYSTEMS) {
      const ru = guideParts(system, 'ru');
      expect(words(ru), system).not.toMatch(/[A-Za-z]/);
      expect(plain(guideParts(system, 'en')), system).not.toMatch(/[{}]/);
      if (system !== 'generic') expect(data(ru)[0], system).toBe(message('ru', `system.${system}`));
    }
    expect(plain(guideParts('amocrm', 'ru'))).toContain('«Настройки → Интеграции → Web hooks»');
    expect(plain(guideParts('generic', 'ru'))).toContain('X-Conveyor-Signature');
  });

  it('name every setting a system takes', () => {
    for (const fields of Object.values(SYSTEM_SETTINGS))
      for (const field of fields) expect(settingLabel(field.name), field.name).not.toBeNull();
    expect(settingLabel('toString')).toBeNull();
  });
});
