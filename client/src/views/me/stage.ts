import type { MeStage } from '@conveyor/shared';
import { formatMoney, lang, message, type Lang } from '../../lib/i18n/i18n.js';

/** One line of a person's stage this month: what it counts, in words, and an optional quiet note. */
export interface StageLine {
  id: string;
  text: string;
  note?: string;
}

/**
 * The month at the person's own stage of the conveyor, in words with real plurals: a
 * telemarketer's successful calls and meetings set; a sales manager's meetings held, contracts and
 * the money of their clients; an account manager's clients who paid, payments with their sum and
 * retention bonuses. No calls for sales or account: their work is not counted in calls.
 */
export function stageLines(stage: MeStage, of: Lang = lang()): StageLine[] {
  switch (stage.role) {
    case 'telemarketer':
      return [
        { id: 'successful-calls', text: message(of, 'me.stage.successfulCalls', { n: stage.month.successfulCalls }) },
        { id: 'meetings-set', text: message(of, 'me.stage.meetingsSet', { n: stage.month.meetingsSet }) },
      ];
    case 'sales':
      return [
        { id: 'meetings-held', text: message(of, 'me.stage.meetingsHeld', { n: stage.month.meetingsHeld }) },
        { id: 'contracts', text: message(of, 'me.stage.contracts', { n: stage.month.contracts }) },
        {
          id: 'revenue',
          text: message(of, 'me.stage.revenue', { money: formatMoney(stage.month.revenue, stage.month.currency, of) }),
          note: message(of, 'me.stage.revenueHint'),
        },
      ];
    case 'account':
      return [
        { id: 'clients', text: message(of, 'me.stage.clients', { n: stage.month.clients }) },
        {
          id: 'payments',
          text: message(of, 'me.stage.payments', {
            n: stage.month.payments,
            money: formatMoney(stage.month.amount, stage.month.currency, of),
          }),
        },
        { id: 'retention', text: message(of, 'me.stage.retention', { n: stage.month.retentionBonuses }) },
      ];
    default: {
      const never: never = stage;
      return never;
    }
  }
}
