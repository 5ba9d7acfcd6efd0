import type { Logger } from '@nestjs/common';
import type { ActivityEventInput, CreateEmployee, CreateTeam } from '@conveyor/shared';

const TRIADS: [team: string, telemarketer: string, sales: string, account: string][] = [
  ['Falcons', 'Anna Petrova', 'Igor Smirnov', 'Olga Ivanova'],
  ['Wolves', 'Dmitry Kuznetsov', 'Elena Popova', 'Sergey Volkov'],
  ['Bears', 'Maria Sokolova', 'Alexey Lebedev', 'Natalia Kozlova'],
  ['Lynx', 'Pavel Novikov', 'Irina Morozova', 'Andrey Pavlov'],
  ['Eagles', 'Yulia Fedorova', 'Mikhail Orlov', 'Tatiana Egorova'],
  ['Foxes', 'Nikolai Vasiliev', 'Ksenia Zaitseva', 'Roman Belov'],
];

/** A plausible event of triad `i` (1-based): mostly calls, now and then a meeting or a contract. */
function randomEvent(id: string, occurredAt: string, i: number): ActivityEventInput {
  const client = `Client ${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${Math.floor(Math.random() * 90) + 10}`;
  const tm = `demo-tm-${i}`;
  const sales = `demo-sales-${i}`;
  const roll = Math.random();
  if (roll < 0.6) return { id, type: 'call', occurredAt, employeeId: tm, durationSec: Math.floor(Math.random() * 240) };
  if (roll < 0.7) return { id, type: 'email.general', occurredAt, employeeId: tm };
  if (roll < 0.78) return { id, type: 'need.identified', occurredAt, employeeId: tm, clientId: client };
  if (roll < 0.84) return { id, type: 'email.decision_maker', occurredAt, employeeId: tm, clientId: client };
  if (roll < 0.9) return { id, type: 'meeting.scheduled', occurredAt, employeeId: tm, clientId: client };
  if (roll < 0.96) return { id, type: 'meeting.held', occurredAt, employeeId: sales, clientId: client };
  return { id, type: 'contract.signed', occurredAt, employeeId: sales, clientId: client };
}

/**
 * Fills a demo office of six triads over the real HTTP API, backfills a few weeks of history, and
 * keeps sending plausible activity, so the board is alive at first look. Runs only with
 * `npm run demo` (or CONVEYOR_DEMO=1).
 */
export function startDemoOffice(baseUrl: string, token: string, log: Logger): void {
  const send = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const post = (path: string, body?: unknown): Promise<Response> => send('POST', path, body);

  const seed = async (): Promise<void> => {
    // Teams formed at the start of last month, so the backfilled history counts for them.
    const now = new Date();
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
    let created = false;
    for (const [i, [team, tm, sales, account]] of TRIADS.entries()) {
      const ids = { telemarketer: `demo-tm-${i + 1}`, sales: `demo-sales-${i + 1}`, account: `demo-acc-${i + 1}` };
      const people: CreateEmployee[] = [
        { id: ids.telemarketer, name: tm, role: 'telemarketer' },
        { id: ids.sales, name: sales, role: 'sales' },
        { id: ids.account, name: account, role: 'account' },
      ];
      for (const p of people) await post('/employees', p); // 409 when already there: fine
      const body: CreateTeam = { id: `demo-team-${i + 1}`, name: team, members: ids, since };
      created = (await post('/teams', body)).status === 201 || created;
    }
    if (!created) return;
    // Triads with a lower number are busier, so the standings differ.
    const events = Array.from({ length: 600 }, (_, k) =>
      randomEvent(
        `demo-past-${k}`,
        new Date(now.getTime() - Math.random() * 20 * 24 * 3600_000).toISOString(),
        1 + Math.floor(Math.random() ** 1.6 * TRIADS.length),
      ),
    );
    // Two clients per triad going down the whole conveyor, so account managers and relay bonuses show too.
    const day = 24 * 3600_000;
    const ago = (days: number): string => new Date(now.getTime() - days * day).toISOString();
    TRIADS.forEach((_, t) => {
      const i = t + 1;
      for (const c of [1, 2]) {
        const clientId = `${TRIADS[t]![0]} client ${c}`;
        const base = 35 + c * 5;
        const amount = 60_000 + Math.round(Math.random() * 240) * 1000;
        events.push(
          { id: `demo-chain-${i}-${c}-1`, type: 'meeting.scheduled', occurredAt: ago(base), employeeId: `demo-tm-${i}`, clientId },
          { id: `demo-chain-${i}-${c}-2`, type: 'meeting.held', occurredAt: ago(base - 3), employeeId: `demo-sales-${i}`, clientId },
          { id: `demo-chain-${i}-${c}-3`, type: 'contract.signed', occurredAt: ago(base - 6), employeeId: `demo-sales-${i}`, clientId },
          { id: `demo-chain-${i}-${c}-4`, type: 'client.handed_over', occurredAt: ago(base - 7), employeeId: `demo-sales-${i}`, clientId },
          { id: `demo-chain-${i}-${c}-5`, type: 'payment.received', occurredAt: ago(base - 8), clientId, amount },
          { id: `demo-chain-${i}-${c}-6`, type: 'payment.received', occurredAt: ago(Math.max(1, base - 8 - 30)), clientId, amount },
        );
      }
    });
    await post('/events', events);

    // The game around the points: rewards, last month closed with its winners (the hall of fame),
    // a target per team this month, and payments from 100,000 celebrated on the wall.
    for (const [period, board, place, title, description] of [
      ['month', 'teams', 1, 'Team dinner', 'Dinner for the whole triad'],
      ['month', 'teams', 2, 'Cinema night', 'Tickets for the triad'],
      ['month', 'telemarketer', 1, 'Day off', 'A paid day off of your choice'],
      ['month', 'sales', 1, 'Spa voucher', 'For the best closer of the month'],
      ['quarter', 'teams', 1, 'Team trip', 'A weekend away for the triad'],
    ] as const) {
      await post('/rewards', { period, board, place, title, description });
    }
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
    await post(`/periods/${lastMonth}/close`);
    const today = now.toISOString().slice(0, 10);
    for (const [t] of TRIADS.entries())
      await send('PUT', '/targets', { teamId: `demo-team-${t + 1}`, period: 'month', at: today, points: 300 + t * 60 });
    const wall = (await (await send('GET', '/settings/wall')).json()) as Record<string, unknown>;
    await send('PUT', '/settings/wall', { ...wall, bigPayment: 100_000 });
  };

  let n = 0;
  const tick = async (): Promise<void> => {
    const i = 1 + Math.floor(Math.random() * TRIADS.length);
    const id = `demo-${Date.now().toString(36)}-${(n++).toString(36)}`;
    // Now and then one of the triad's clients pays.
    const event: ActivityEventInput =
      Math.random() < 0.04
        ? {
            id,
            type: 'payment.received',
            occurredAt: new Date().toISOString(),
            clientId: `${TRIADS[i - 1]![0]} client ${1 + Math.floor(Math.random() * 2)}`,
            amount: 20_000 + Math.round(Math.random() * 100) * 1000,
          }
        : randomEvent(id, new Date().toISOString(), i);
    await post('/events', event);
  };

  void seed()
    .then(() => {
      log.log('Demo office: 6 triads ready, sending activity');
      const loop = (): void => {
        setTimeout(
          () =>
            void tick()
              .catch((e: unknown) => log.warn(`demo: ${String(e)}`))
              .finally(loop),
          400 + Math.random() * 1600,
        );
      };
      loop();
    })
    .catch((e: unknown) => log.error(`demo seeding failed: ${String(e)}`));
}
