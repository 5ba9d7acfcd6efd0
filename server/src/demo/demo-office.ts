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

/**
 * Fills a demo office of six triads over the real HTTP API and keeps sending plausible activity,
 * so the board is alive at first look. Runs only with `npm run demo` (or CONVEYOR_DEMO=1).
 */
export function startDemoOffice(baseUrl: string, token: string, log: Logger): void {
  const post = async (path: string, body: unknown): Promise<Response> =>
    fetch(`${baseUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

  const seed = async (): Promise<void> => {
    for (const [i, [team, tm, sales, account]] of TRIADS.entries()) {
      const ids = { telemarketer: `demo-tm-${i + 1}`, sales: `demo-sales-${i + 1}`, account: `demo-acc-${i + 1}` };
      const people: CreateEmployee[] = [
        { id: ids.telemarketer, name: tm, role: 'telemarketer' },
        { id: ids.sales, name: sales, role: 'sales' },
        { id: ids.account, name: account, role: 'account' },
      ];
      for (const p of people) await post('/employees', p); // 409 when already there: fine
      const teamBody: CreateTeam = { id: `demo-team-${i + 1}`, name: team, members: ids };
      await post('/teams', teamBody);
    }
  };

  let n = 0;
  const tick = async (): Promise<void> => {
    const i = Math.floor(Math.random() * TRIADS.length) + 1;
    const id = `demo-${Date.now().toString(36)}-${(n++).toString(36)}`;
    const occurredAt = new Date().toISOString();
    const client = `Client ${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${Math.floor(Math.random() * 90) + 10}`;
    const roll = Math.random();
    let event: ActivityEventInput;
    if (roll < 0.6) event = { id, type: 'call', occurredAt, employeeId: `demo-tm-${i}`, durationSec: Math.floor(Math.random() * 240) };
    else if (roll < 0.7) event = { id, type: 'email.general', occurredAt, employeeId: `demo-tm-${i}` };
    else if (roll < 0.78) event = { id, type: 'need.identified', occurredAt, employeeId: `demo-tm-${i}`, clientId: client };
    else if (roll < 0.84) event = { id, type: 'email.decision_maker', occurredAt, employeeId: `demo-tm-${i}`, clientId: client };
    else if (roll < 0.9) event = { id, type: 'meeting.scheduled', occurredAt, employeeId: `demo-tm-${i}`, clientId: client };
    else if (roll < 0.96) event = { id, type: 'meeting.held', occurredAt, employeeId: `demo-sales-${i}`, clientId: client };
    else event = { id, type: 'contract.signed', occurredAt, employeeId: `demo-sales-${i}`, clientId: client };
    await post('/events', event);
  };

  void seed()
    .then(() => {
      log.log('Demo office: 6 triads ready, sending activity');
      const loop = (): void => {
        setTimeout(() => void tick().catch((e: unknown) => log.warn(`demo: ${String(e)}`)).finally(loop), 400 + Math.random() * 1600);
      };
      loop();
    })
    .catch((e: unknown) => log.error(`demo seeding failed: ${String(e)}`));
}
