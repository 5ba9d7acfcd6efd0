import type { Award } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { awardText } from './reasons.js';

const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

const award = (over: Partial<Award>): Award => ({
  id: 1,
  eventId: 'e1',
  employeeId: 'anna',
  teamId: 'falcons',
  points: 1,
  rule: 'telemarketer.call',
  ruleVersion: 1,
  reason: 'Anna: successful call (42 s), +1',
  occurredAt: '2026-11-10T10:00:00.000Z',
  ...over,
});

describe('award reasons from reasonCode and params', () => {
  it('says a call with its seconds, with the person first', () => {
    const call = award({ reasonCode: 'telemarketer.call', params: { seconds: 42, employee: 'Анна Смирнова' } });
    expect(awardText(call, { of: 'ru' })).toBe('Анна Смирнова: успешный звонок, 42 секунды');
    expect(awardText(call, { of: 'en' })).toBe('Анна Смирнова: successful call, 42 seconds');
    expect(awardText({ ...call, params: { seconds: 31 } }, { of: 'ru' })).toBe('Успешный звонок, 31 секунда');
  });

  it('shows money in the currency and the client by its name', () => {
    const renewal = award({
      points: 350,
      rule: 'sales.renewal',
      reasonCode: 'sales.renewal',
      params: { amount: 350000, currency: 'RUB', clientId: 'romashka', client: 'ООО Ромашка', employee: 'Игорь Петров' },
    });
    expect(plain(awardText(renewal, { of: 'ru' }))).toBe('Игорь Петров: продление, 350 000 ₽, ООО Ромашка');
    expect(awardText(renewal, { of: 'en' })).toBe('Игорь Петров: renewal payment of ₽350,000, ООО Ромашка');
  });

  it('does not repeat the viewer’s own name on their own phone', () => {
    const payment = award({
      employeeId: 'olga',
      reasonCode: 'account.payment',
      params: { amount: 350000, currency: 'RUB', clientId: 'romashka', client: 'ООО Ромашка', newClient: true, employee: 'Ольга' },
    });
    expect(plain(awardText(payment, { of: 'ru', viewerId: 'olga' }))).toBe('Оплата нового клиента, 350 000 ₽, ООО Ромашка');
    expect(plain(awardText(payment, { of: 'ru', viewerId: 'anna' }))).toBe('Ольга: оплата нового клиента, 350 000 ₽, ООО Ромашка');
  });

  it('names periods and counts in words', () => {
    const target = award({
      employeeId: null,
      reasonCode: 'team.target_reached',
      params: { target: 1000, period: '2026-Q4', team: 'Соколы' },
    });
    expect(plain(awardText(target, { of: 'ru' }))).toBe('Соколы: цель команды достигнута: 1 000 очков за IV квартал 2026');
    expect(awardText(target, { of: 'en' })).toBe('Соколы: team target of 1,000 points reached in Q4 2026');
    const norm = award({ reasonCode: 'telemarketer.daily_norm', params: { calls: 45 } });
    expect(awardText(norm, { of: 'ru' })).toBe('Дневная норма: 45 успешных звонков');
  });

  it('says a reversal with its cause and the manager’s note', () => {
    const voided = award({
      points: -15,
      reasonCode: 'telemarketer.meeting_scheduled',
      params: { clientId: 'lotos', client: 'ООО Лотос', reversed: true, cause: 'void', note: 'дубль' },
    });
    expect(awardText(voided, { of: 'ru' })).toBe('Отмена (аннулировано: «дубль»): назначена встреча, ООО Лотос');
    const rescored = { ...voided, params: { clientId: 'lotos', reversed: true, cause: 'rescore' } };
    expect(awardText(rescored, { of: 'en' })).toBe('Reversed (rescored): meeting scheduled, lotos');
  });

  it('renders the English reason of an award without a reasonCode, never a blank', () => {
    const old = award({ points: 3, reason: 'Anna: successful call (42 s), +1' });
    expect(awardText({ ...old, points: 1 }, { of: 'ru' })).toBe('Anna: successful call (42 s)');
    expect(awardText({ ...old, reasonCode: 'x.y' as never }, { of: 'ru' })).toBe('Anna: successful call (42 s), +1');
    expect(awardText(award({ reasonCode: 'telemarketer.call', params: {} }), { of: 'ru' })).toBe('Anna: successful call (42 s)');
  });
});
