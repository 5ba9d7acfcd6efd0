import type { ActivityEvent, Award, MeStage, Role } from '@conveyor/shared';
import { CURRENCY } from '../scoring/award.js';
import { RULES } from '../scoring/rule-set.js';

/**
 * A person's month at their own stage of the conveyor, from their events and the awards standing
 * for them (reversed awards and voided events do not count).
 */
export function stageOf(role: Role, events: readonly ActivityEvent[], awards: readonly Award[], successfulCallSec: number): MeStage {
  const count = (type: ActivityEvent['type']): number => events.filter((e) => e.type === type).length;
  const standing = standingAwards(awards);
  const amountOf = (a: Award): number => (typeof a.params?.amount === 'number' ? a.params.amount : 0);
  switch (role) {
    case 'telemarketer':
      return {
        role,
        month: {
          successfulCalls: events.filter((e) => e.type === 'call' && e.durationSec >= successfulCallSec).length,
          meetingsSet: count('meeting.scheduled'),
        },
      };
    case 'sales': {
      const paid = standing.filter((a) => a.rule === RULES.salesFirstPayment || a.rule === RULES.salesRenewal);
      return {
        role,
        month: {
          meetingsHeld: count('meeting.held'),
          contracts: count('contract.signed'),
          revenue: paid.reduce((sum, a) => sum + amountOf(a), 0),
          currency: CURRENCY,
        },
      };
    }
    case 'account': {
      const payments = standing.filter((a) => a.rule === RULES.accountPayment);
      return {
        role,
        month: {
          clients: new Set(payments.map((a) => a.params?.clientId)).size,
          payments: payments.length,
          amount: payments.reduce((sum, a) => sum + amountOf(a), 0),
          currency: CURRENCY,
          retentionBonuses: standing.filter((a) => a.rule === RULES.accountRetention).length,
        },
      };
    }
  }
}

/** The awards among entries that still stand: per event and rule, the latest award when its entries do not net to nothing. */
function standingAwards(entries: readonly Award[]): Award[] {
  const net = new Map<string, { award: Award | null; points: number }>();
  for (const e of [...entries].sort((a, b) => a.id - b.id)) {
    const key = `${e.eventId}|${e.rule}`;
    const seen = net.get(key) ?? { award: null, points: 0 };
    seen.points += e.points;
    if (e.points > 0) seen.award = e;
    net.set(key, seen);
  }
  return [...net.values()].flatMap((n) => (n.points > 0 && n.award ? [n.award] : []));
}
