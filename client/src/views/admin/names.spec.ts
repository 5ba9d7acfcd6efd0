import { describe, expect, it } from 'vitest';
import { nameKey, namesake } from './names.js';

const people = [
  { id: 'anna', name: 'Анна Смирнова' },
  { id: 'igor', name: 'Igor  Petrov' },
];

describe('a namesake', () => {
  it('is found whatever the case and spaces', () => {
    expect(namesake(people, 'Анна Смирнова')?.id).toBe('anna');
    expect(namesake(people, '  анна   СМИРНОВА ')?.id).toBe('anna');
    expect(namesake(people, 'igor petrov')?.id).toBe('igor');
    expect(namesake(people, 'Anna\tSmirnova')).toBeUndefined();
  });

  it('is not a different name, a part of one, or nothing', () => {
    expect(namesake(people, 'Анна Смирнова-Петрова')).toBeUndefined();
    expect(namesake(people, 'Анна')).toBeUndefined();
    expect(namesake(people, '   ')).toBeUndefined();
    expect(namesake([], 'Анна Смирнова')).toBeUndefined();
  });

  it('compares composed and decomposed letters alike («й» typed two ways)', () => {
    expect(nameKey('Андрей')).toBe(nameKey('Андре\u0438\u0306'));
  });
});
