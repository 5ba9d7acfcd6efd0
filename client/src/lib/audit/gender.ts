/** The grammatical gender a Russian sentence gives a person: «отменила», «отменил», or both forms when unsure. */
export type Gender = 'female' | 'male' | 'other';

// Men's first names that end like women's (-а, -я).
const MALE_IN_A = new Set([
  'никита',
  'илья',
  'кузьма',
  'фома',
  'лука',
  'савва',
  'миша',
  'саша',
  'женя',
  'паша',
  'дима',
  'костя',
  'гоша',
  'лёша',
  'алёша',
  'ваня',
  'петя',
  'вася',
  'коля',
  'толя',
  'слава',
  'вова',
  'гриша',
  'даня',
  'сеня',
  'федя',
  'юра',
  'жора',
  'лёва',
  'рома',
  'тёма',
  'эмиль',
]);
// Names worn by both (Саша, Женя…) say nothing on their own.
const EITHER = new Set(['саша', 'женя', 'валя', 'слава']);

/**
 * Guesses the gender of a Russian name, «Имя Фамилия» or «Фамилия Имя [Отчество]»: a patronymic
 * or a surname settles it (-вна/-чна, -ова/-ева/-ина/-ская; -вич/-ич, -ов/-ев/-ин/-ский), then a first
 * name (-а/-я is a woman's but for the men's names above). `other` when nothing tells.
 */
export function genderOf(name: string): Gender {
  const words = name
    .toLocaleLowerCase('ru')
    .split(/[\s.]+/)
    .filter((w) => /^[а-яё-]{2,}$/.test(w));
  for (const w of words) {
    if (/(вна|чна|кызы)$/.test(w)) return 'female';
    if (/(вич|ьич|оглы)$/.test(w)) return 'male';
  }
  for (const w of words) {
    if (/(ова|ева|ёва|ина|ына|ская|цкая)$/.test(w) && !MALE_IN_A.has(w)) return 'female';
    if (/(ов|ев|ёв|ин|ын|ский|цкий)$/.test(w)) return 'male';
  }
  // A first name worn by both, beside a surname that says nothing (Ким, Шевченко): unsure.
  if (words.some((w) => EITHER.has(w))) return 'other';
  for (const w of words) {
    if (MALE_IN_A.has(w)) return 'male';
    if (/[ая]$/.test(w)) return 'female';
    if (/[бвгджзклмнпрстфхцчшщй]$/.test(w)) return 'male';
  }
  return 'other';
}
