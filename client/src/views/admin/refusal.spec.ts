import { describe, expect, it } from 'vitest';
import { errorText, HttpError } from '../../lib/api/http.js';
import { setLang } from '../../lib/i18n/i18n.js';
import { refusalParts } from './refusal.js';

const plain = (parts: readonly { text: string }[]): string => parts.map((p) => p.text).join('');

describe('a refusal in the UI language', () => {
  it('names a setting by its label and says the reason in Russian', () => {
    setLang('ru');
    const refused = new HttpError(400, {
      code: 'request.malformed',
      message: 'settings.apiSalt is required',
      errors: [{ index: 0, field: 'settings.apiSalt', reason: 'is required', why: { code: 'required' } }],
    });
    const label = (field: string): 'integrations.field.apiSalt' | null =>
      field === 'settings.apiSalt' ? 'integrations.field.apiSalt' : null;
    expect(plain(refusalParts(refused, label))).toBe('Запрос заполнен неверно. — Ключ для создания подписи: не заполнено');
    // A field with no label is data: shown as it is, never translated.
    expect(refusalParts(refused)).toContainEqual({ text: 'settings.apiSalt', data: true });
  });

  it('says what is wrong with a whole file without naming its body', () => {
    setLang('ru');
    const empty = new HttpError(400, {
      code: 'import.empty',
      message: 'empty',
      errors: [{ index: 0, field: 'body', reason: 'the file is empty', why: { code: 'empty_file' } }],
    });
    expect(plain(refusalParts(empty))).toBe('В файле нет строк с данными. — файл пустой');
  });

  it('says a field error without its code in general words, not in the server’s English', () => {
    setLang('ru');
    const refused = new HttpError(400, {
      code: 'request.malformed',
      message: 'malformed',
      errors: [{ index: 0, field: 'name', reason: 'must be at most 100 characters' }],
    });
    expect(plain(refusalParts(refused))).toBe('Запрос заполнен неверно. — name: значение не подходит');
    expect(errorText(refused)).toBe('Запрос заполнен неверно. — name: значение не подходит');
  });

  it('says the first field error of any refusal by its code in the one-line text', () => {
    setLang('ru');
    const refused = new HttpError(400, {
      code: 'request.malformed',
      message: 'malformed',
      errors: [{ index: 0, field: 'name', reason: 'must be at most 100 characters', why: { code: 'too_long', params: { max: 100 } } }],
    });
    expect(errorText(refused)).toBe('Запрос заполнен неверно. — name: не длиннее 100 символов');
  });
});
