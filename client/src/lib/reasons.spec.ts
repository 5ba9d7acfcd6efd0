import { describe, expect, it } from 'vitest';
import { awardText } from './reasons.js';

describe('award reasons in the UI language', () => {
  it('keeps English as the server wrote it, without the trailing points', () => {
    expect(awardText({ rule: 'telemarketer.call', points: 1, reason: 'Anna: successful call, 51 s, +1' }, 'en')).toBe(
      'Anna: successful call, 51 s',
    );
  });

  it('names the rule in Russian and keeps the details', () => {
    expect(awardText({ rule: 'telemarketer.call', points: 1, reason: 'Anna: successful call, 51 s, +1' }, 'ru')).toBe(
      'Anna: успешный звонок, 51 с',
    );
    expect(awardText({ rule: 'telemarketer.meeting_scheduled', points: 15, reason: 'Anna: meeting scheduled (romashka), +15' }, 'ru')).toBe(
      'Anna: назначена встреча, romashka',
    );
    expect(
      awardText({ rule: 'sales.first_payment', points: 150, reason: 'Boris: first payment of 150000 from client romashka, +150' }, 'ru'),
    ).toBe('Boris: первая оплата, 150000, romashka');
  });

  it('says a reversal is one', () => {
    expect(
      awardText(
        {
          rule: 'telemarketer.meeting_scheduled',
          points: -15,
          reason: 'Reversed (voided: booked twice): Anna: meeting scheduled (romashka), +15',
        },
        'ru',
      ),
    ).toBe('Отмена (voided: booked twice): Anna: назначена встреча, romashka');
  });

  it('falls back to the server text for an unknown rule', () => {
    expect(awardText({ rule: 'x.y', points: 3, reason: 'Something odd, +3' }, 'ru')).toBe('Something odd');
  });
});
