import { DELIVERY_REASONS, FIELD_REASONS, INTEGRATION_SYSTEMS, SYSTEM_SETTINGS, type FieldReasonCode } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { message, type TextPart } from './i18n.js';
import { fieldReasonParts } from './field-reasons.js';
import { guideParts, reasonParts, settingLabel, summaryParts, talkTime } from './integrations.js';

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

  it('says the field and the reason of a malformed delivery in Russian, by the reason kept as data', () => {
    const params = { field: 'durationSec', reason: 'is required for call', why: 'required_for', 'why.type': 'call' };
    const parts = reasonParts('malformed', params, 'ru');
    expect(plain(parts)).toBe('Не тот формат данных: поле durationSec — нужно для события «звонок»');
    expect(data(parts)).toEqual(['durationSec']);
    const cells = reasonParts('malformed', { field: 'amount', reason: 'must be greater than 0', why: 'too_small', 'why.min': 0 }, 'ru');
    expect(plain(cells)).toBe('Не тот формат данных: поле amount — должно быть больше 0');
  });

  it('never says the English reason of a delivery kept without its code', () => {
    const parts = reasonParts('malformed', { field: 'event', reason: 'is missing' }, 'ru');
    expect(plain(parts)).toBe('Не тот формат данных: поле event — значение не подходит');
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

describe("a field's or a row's reason", () => {
  it('says the event contract’s reasons in Russian by their code', () => {
    expect(plain(fieldReasonParts({ code: 'required' }, 'ru'))).toBe('не заполнено');
    expect(plain(fieldReasonParts({ code: 'not_used_by', params: { type: 'payment.received' } }, 'ru'))).toBe(
      'не используется в событии «оплата»',
    );
    expect(plain(fieldReasonParts({ code: 'too_long', params: { max: 200 } }, 'ru'))).toBe('не длиннее 200 символов');
    expect(plain(fieldReasonParts({ code: 'too_long', params: { max: 1 } }, 'ru'))).toBe('не длиннее 1 символа');
    expect(plain(fieldReasonParts({ code: 'too_small', params: { min: 0, inclusive: true } }, 'ru'))).toBe('не меньше 0');
    expect(plain(fieldReasonParts({ code: 'too_small', params: { min: 0, inclusive: false } }, 'ru'))).toBe('должно быть больше 0');
    expect(plain(fieldReasonParts({ code: 'wrong_type', params: { expected: 'int' } }, 'ru'))).toBe('нужно целое число');
    expect(plain(fieldReasonParts({ code: 'decimals' }, 'ru'))).toBe('не больше двух знаков после запятой');
    expect(words(fieldReasonParts({ code: 'not_a_date' }, 'ru'))).toBe('нужны дата и время, например ');
    const oneOf = fieldReasonParts({ code: 'one_of', params: { values: 'call, email.general' } }, 'ru');
    expect(plain(oneOf)).toBe('допустимые значения: call, email.general');
    expect(data(oneOf)).toEqual(['call, email.general']);
  });

  it('says the import’s own reasons in Russian, what the file says as data, numbers in plurals', () => {
    const ghost = fieldReasonParts({ code: 'no_employee', params: { id: 'ghost' } }, 'ru');
    expect(plain(ghost)).toBe('нет сотрудника с номером ghost');
    expect(data(ghost)).toEqual(['ghost']);
    expect(plain(fieldReasonParts({ code: 'future' }, 'ru'))).toBe('дата в будущем');
    expect(plain(fieldReasonParts({ code: 'no_such_day' }, 'ru'))).toBe('такой даты нет в календаре');
    expect(plain(fieldReasonParts({ code: 'cells', params: { cells: 7, header: 6 } }, 'ru'))).toBe(
      'в строке 7 ячеек, а в первой строке 6: лишний разделитель?',
    );
    expect(plain(fieldReasonParts({ code: 'cells', params: { cells: 3, header: 2 } }, 'ru'))).toBe(
      'в строке 3 ячейки, а в первой строке 2: лишний разделитель?',
    );
    expect(plain(fieldReasonParts({ code: 'missing_column' }, 'ru'))).toBe('обязательный столбец, а в файле его нет');
    const unknown = fieldReasonParts({ code: 'unknown_column', params: { columns: 'id, type' } }, 'ru');
    // The page lists the columns a file may have; the table names only what is wrong.
    expect(plain(unknown)).toBe('незнакомый столбец');
    const repeated = fieldReasonParts({ code: 'id_repeated', params: { id: 'e-1', row: 3 } }, 'ru');
    expect(plain(repeated)).toBe('номер e-1 уже есть в строке 3 у другого события');
    expect(data(repeated)).toEqual(['e-1']);
    expect(words(fieldReasonParts({ code: 'encoding', params: { line: 2 } }, 'ru'))).toBe('кодировка не  и не  (строка 2)');
  });

  it('says why a file cannot be imported at all', () => {
    expect(plain(fieldReasonParts({ code: 'empty_file' }, 'ru'))).toBe('файл пустой');
    expect(plain(fieldReasonParts({ code: 'url' }, 'ru'))).toBe('Нужен полный адрес, начиная с https://');
    expect(plain(fieldReasonParts({ code: 'header_only' }, 'ru'))).toBe('в файле только строка с названиями столбцов');
    expect(words(fieldReasonParts({ code: 'utf16' }, 'ru'))).toBe('файл сохранён как текст в Юникоде: сохраните его как ');
  });

  it('says every code in Russian with no Latin word outside data, whatever its params', () => {
    const params = { expected: 'number', min: 2, max: 5, inclusive: true, type: 'call', id: 'x', row: 2, cells: 3, header: 2, line: 4 };
    for (const code of FIELD_REASONS) expect(words(fieldReasonParts({ code, params }, 'ru')), code).not.toMatch(/[A-Za-z]/);
  });

  it('says a reason it does not know, or none, in general words: never a sentence of the server', () => {
    expect(plain(fieldReasonParts(undefined, 'ru'))).toBe('значение не подходит');
    expect(plain(fieldReasonParts({ code: 'no_such_code' as FieldReasonCode }, 'ru'))).toBe('значение не подходит');
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
