import { describe, expect, it } from 'vitest';
import { genderOf } from './gender.js';

describe('the gender a Russian sentence gives a name', () => {
  it('reads surnames, patronymics and first names', () => {
    expect(genderOf('Ирина Котова')).toBe('female');
    expect(genderOf('Ольга Петрова')).toBe('female');
    expect(genderOf('Котов Сергей')).toBe('male');
    expect(genderOf('Никита')).toBe('male');
    expect(genderOf('Анна')).toBe('female');
    expect(genderOf('Павел Новиков')).toBe('male');
    expect(genderOf('Юлия Фёдорова')).toBe('female');
    expect(genderOf('Мария Соколова')).toBe('female');
    expect(genderOf('Саша Ким')).toBe('other');
    expect(genderOf('Иванова Александра Сергеевна')).toBe('female');
    expect(genderOf('Олжас Сулейменов')).toBe('male');
  });

  it('says nothing of names it cannot read', () => {
    expect(genderOf('Olga Head')).toBe('other');
    expect(genderOf('')).toBe('other');
    expect(genderOf('Саша')).toBe('other');
  });
});
