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
    const parts = summaryParts({ direction: 'in', ext: '101', talkSec: 42, phone: '+79161234567' }, 'ru');
    expect(plain(parts)).toBe('входящий звонок, разговор 0:42, внутренний номер 101, +79161234567');
    expect(data(parts)).toEqual(['101', '+79161234567']);
    expect(plain(summaryParts({ direction: 'out', user: '7', userName: 'Анна', talkSec: 5 }, 'en'))).toBe(
      'outgoing call, talk 0:05, user Анна (7)',
    );
    // Bitrix24 says a call by its talk time, with a failure code nobody needs to read.
    expect(plain(summaryParts({ call: 0, user: '12', code: '304' }, 'ru'))).toBe('звонок, разговор 0:00, пользователь 12');
  });

  it('says a CRM stage, a deal and money; an unknown value stays as data, never its key', () => {
    const amo = summaryParts({ lead: 'ООО Ромашка', status: '143', from: '142', pipeline: '77', user: '5', account: 'office' }, 'ru');
    expect(plain(amo)).toBe('сделка ООО Ромашка, этап 142 → 143, воронка 77, пользователь 5, аккаунт office');
    expect(words(amo)).not.toMatch(/[A-Za-z]/);
    const bitrix = summaryParts({ deal: 'Поставка', stage: 'WON', amount: '350000 RUB', hookKind: 'leads' }, 'ru');
    expect(plain(bitrix)).toBe('сделка Поставка, этап WON, 350 000 ₽, leads');
    expect(data(bitrix)).toEqual(['Поставка', 'WON', 'leads']);
    // Pipedrive: `status` beside a `stage` is the deal's.
    expect(plain(summaryParts({ deal: 'Поставка', stage: '3', status: 'won' }, 'ru'))).toBe('сделка Поставка, этап 3, сделка выиграна');
    expect(plain(summaryParts({ calls: 2, account: 'office' }, 'ru'))).toBe('2 звонка, аккаунт office');
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
    const params = { code: 'event.future_time', field: 'occurredAt', reason: 'is in the future' };
    expect(plain(reasonParts('refused_by_ledger', params, 'ru'))).toBe('Событие не принято: Событие датировано будущим временем.');
    expect(plain(reasonParts('already_recorded', { code: 'event.id_conflict' }, 'ru'))).toBe('Уже учтено: это повтор прежнего уведомления');
  });

  it('names the field a reading missed and the error of a failed fetch as data', () => {
    expect(plain(reasonParts('nothing_to_score', { missing: 'to.extension' }, 'ru'))).toBe('Засчитывать нечего: нет поля to.extension');
    const fetch = reasonParts('fetch_failed', { error: 'HTTP 401' }, 'ru');
    expect(data(fetch)).toEqual(['HTTP 401']);
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

  it('puts the import’s own reasons in Russian, their values as data', () => {
    const ghost = rowReasonParts('no employee with id "ghost"', 'ru');
    expect(plain(ghost)).toBe('нет сотрудника с номером ghost');
    expect(data(ghost)).toEqual(['ghost']);
    expect(plain(rowReasonParts("is in the future (the server's clock says 2026-11-25T09:00:00.000Z)", 'ru'))).toBe('дата в будущем');
    expect(plain(rowReasonParts('has day 31, which 2026-11 does not have', 'ru'))).toBe('такой даты нет в календаре');
    expect(plain(rowReasonParts('has 7 cells, the header 6: a delimiter too many?', 'ru'))).toBe(
      'в строке 7 ячеек, а в первой строке 6: лишний разделитель?',
    );
    expect(plain(rowReasonParts('is required: the file has no such column', 'ru'))).toBe('обязательный столбец, а в файле его нет');
    expect(plain(rowReasonParts('is not a known column; the columns are id, type', 'ru'))).toBe('незнакомый столбец');
    expect(plain(rowReasonParts('"e-1" is on row 3 for another event', 'ru'))).toBe('номер e-1 уже есть в строке 3 у другого события');
    expect(words(rowReasonParts('is neither UTF-8 (line 2 is not) nor Windows-1251 (byte 0x98, which it does not define)', 'ru'))).toBe(
      'кодировка не  и не ',
    );
  });

  it('says why a file cannot be imported at all', () => {
    expect(plain(rowReasonParts('the file is empty', 'ru'))).toBe('файл пустой');
    expect(plain(rowReasonParts('Invalid URL', 'ru'))).toBe('Нужен полный адрес, начиная с https://');
    expect(plain(rowReasonParts('the file has a header and no data rows', 'ru'))).toBe('в файле только строка с названиями столбцов');
    expect(words(rowReasonParts('is UTF-16 ("Unicode text"); save it as CSV UTF-8 or CSV (Windows-1251)', 'ru'))).toBe(
      'файл сохранён как текст в Юникоде: сохраните его как ',
    );
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
