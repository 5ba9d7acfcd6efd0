import type { Logger } from '@nestjs/common';
import type { ActivityEventInput, CreateEmployee, CreateTeam } from '@conveyor/shared';
import { dayRange, localDate, localParts } from '../domain/periods/zoned-time.js';
import { seededRandom } from './simulated-office.js';

/** Six triads of a Moscow office: team, telemarketer, sales manager, account manager. */
const TRIADS: [team: string, telemarketer: string, sales: string, account: string][] = [
  ['Соколы', 'Анна Смирнова', 'Игорь Лебедев', 'Ольга Иванова'],
  ['Волки', 'Дмитрий Кузнецов', 'Елена Попова', 'Сергей Волков'],
  ['Медведи', 'Мария Соколова', 'Алексей Морозов', 'Наталья Козлова'],
  ['Рыси', 'Павел Новиков', 'Ирина Котова', 'Андрей Павлов'],
  ['Орлы', 'Юлия Фёдорова', 'Михаил Орлов', 'Татьяна Егорова'],
  ['Лисы', 'Николай Васильев', 'Ксения Зайцева', 'Роман Белов'],
];

/** Companies the office works with: a CRM id and the name the CRM shows. */
const COMPANIES: [id: string, name: string][] = [
  ['romashka', 'ООО «Ромашка»'],
  ['lotos', 'АО «Лотос»'],
  ['vektor', 'ООО «Вектор»'],
  ['stroymaster', 'ООО «СтройМастер»'],
  ['alfa-trade', 'ЗАО «Альфа-Трейд»'],
  ['severstal-servis', 'ООО «Северсталь-Сервис»'],
  ['uralmash-komplekt', 'ООО «Уралмаш-Комплект»'],
  ['volga-logistik', 'ООО «Волга-Логистик»'],
  ['teplodom', 'ООО «ТеплоДом»'],
  ['medtekh', 'АО «МедТех»'],
  ['agroprom', 'ООО «Агропром»'],
  ['siti-print', 'ООО «Сити-Принт»'],
  ['baltika-opt', 'ООО «Балтика-Опт»'],
  ['kristall', 'АО «Кристалл»'],
  ['energoresurs', 'ООО «ЭнергоРесурс»'],
  ['neva-tekstil', 'ООО «Нева-Текстиль»'],
  ['sibles', 'ООО «СибЛес»'],
  ['avtodor-snab', 'ООО «АвтодорСнаб»'],
  ['fortuna', 'ООО «Фортуна»'],
  ['granit', 'АО «Гранит»'],
  ['orion', 'ООО «Орион»'],
  ['polyus', 'ООО «Полюс»'],
  ['zenit-stroy', 'ООО «Зенит-Строй»'],
  ['kvadrat', 'ООО «Квадрат»'],
];

const ids = (i: number) => ({ telemarketer: `demo-tm-${i}`, sales: `demo-sales-${i}`, account: `demo-acc-${i}` });
const DAY = 86_400_000;

/**
 * A working day of one triad, as events: calls from 9:00 to 18:00 office time (about 60 a day, half
 * of them long enough to count), an email now and then, a need found every few hours, a meeting set
 * once a day or two, meetings held and contracts signed by the sales manager a few days later, first
 * payments and renewals in roubles. `pace` (0.6–1.3) makes triads differ. `random` is the source of
 * chance, so the same seed gives the same office.
 */
function triadDay(i: number, date: string, timeZone: string, pace: number, random: () => number, until: number): ActivityEventInput[] {
  const { start } = dayRange(date, timeZone);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return [];
  const who = ids(i);
  const at = (minuteOfDay: number): string => new Date(start.getTime() + minuteOfDay * 60_000).toISOString();
  const workMinute = (): number => 9 * 60 + Math.floor(random() * 9 * 60);
  // Each triad works its own clients, so a client's relay credit stays in the triad that found it.
  const own = COMPANIES.slice(((i - 1) * COMPANIES.length) / TRIADS.length, (i * COMPANIES.length) / TRIADS.length);
  const company = (): [string, string] => own[Math.floor(random() * own.length)]!;
  const out: ActivityEventInput[] = [];
  const push = (e: ActivityEventInput): void => {
    if (Date.parse(e.occurredAt) <= until) out.push(e);
  };
  const calls = Math.round((45 + random() * 30) * pace);
  for (let k = 0; k < calls; k++) {
    const long = random() < 0.55;
    push({
      id: `demo-${date}-${i}-call-${k}`,
      type: 'call',
      occurredAt: at(workMinute()),
      employeeId: who.telemarketer,
      durationSec: long ? 30 + Math.floor(random() * 400) : Math.floor(random() * 29),
    });
  }
  if (random() < 0.6 * pace)
    push({ id: `demo-${date}-${i}-mail`, type: 'email.general', occurredAt: at(workMinute()), employeeId: who.telemarketer });
  if (random() < 0.8 * pace) {
    const [clientId, clientName] = company();
    push({
      id: `demo-${date}-${i}-need`,
      type: 'need.identified',
      occurredAt: at(workMinute()),
      employeeId: who.telemarketer,
      clientId,
      clientName,
    });
  }
  if (random() < 0.55 * pace) {
    const [clientId, clientName] = company();
    const setAt = workMinute();
    push({
      id: `demo-${date}-${i}-meet`,
      type: 'meeting.scheduled',
      occurredAt: at(setAt),
      employeeId: who.telemarketer,
      clientId,
      clientName,
    });
    // The sales manager meets them two days later; a third of meetings end in a contract, handed to the account manager.
    const held = start.getTime() + 2 * DAY + (11 * 60 + Math.floor(random() * 5 * 60)) * 60_000;
    if (random() < 0.8)
      push({
        id: `demo-${date}-${i}-held`,
        type: 'meeting.held',
        occurredAt: new Date(held).toISOString(),
        employeeId: who.sales,
        clientId,
        clientName,
      });
    if (random() < 0.35) {
      const signed = held + 3 * DAY;
      const amount = (80 + Math.floor(random() * 40) * 10) * 1000;
      push({
        id: `demo-${date}-${i}-contract`,
        type: 'contract.signed',
        occurredAt: new Date(signed).toISOString(),
        employeeId: who.sales,
        clientId,
        clientName,
      });
      push({
        id: `demo-${date}-${i}-handover`,
        type: 'client.handed_over',
        occurredAt: new Date(signed + 3_600_000).toISOString(),
        employeeId: who.sales,
        clientId,
        clientName,
      });
      push({
        id: `demo-${date}-${i}-pay-1`,
        type: 'payment.received',
        occurredAt: new Date(signed + 5 * DAY).toISOString(),
        clientId,
        clientName,
        amount,
      });
      push({
        id: `demo-${date}-${i}-pay-2`,
        type: 'payment.received',
        occurredAt: new Date(signed + 35 * DAY).toISOString(),
        clientId,
        clientName,
        amount,
      });
    }
  }
  return out;
}

/**
 * Fills a demo office of six triads over the real HTTP API: people and teams first (formed two
 * months ago), then the last six weeks of working days backfilled, then the day goes on live at an
 * office's pace (busier in working hours). Runs only with `npm run demo` (or CONVEYOR_DEMO=1).
 */
export function startDemoOffice(baseUrl: string, token: string, timeZone: string, log: Logger): void {
  const send = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const post = (path: string, body?: unknown): Promise<Response> => send('POST', path, body);
  const paces = [1.3, 1.15, 1.0, 0.9, 0.75, 0.6];

  const seed = async (): Promise<void> => {
    const now = Date.now();
    const today = localDate(new Date(now), timeZone);
    const { year, month } = localParts(new Date(now), timeZone);
    const formed = new Date(Date.UTC(year, month - 3, 1)).toISOString().slice(0, 10);
    let created = false;
    for (const [t, [team, tm, sales, account]] of TRIADS.entries()) {
      const members = ids(t + 1);
      const people: CreateEmployee[] = [
        { id: members.telemarketer, name: tm, role: 'telemarketer' },
        { id: members.sales, name: sales, role: 'sales' },
        { id: members.account, name: account, role: 'account' },
      ];
      for (const p of people) await post('/employees', p); // 409 when already there: fine
      const body: CreateTeam = { id: `demo-team-${t + 1}`, name: team, members, since: formed };
      created = (await post('/teams', body)).status === 201 || created;
    }
    if (!created) return;

    // Six weeks of working days behind everyone, then today up to now.
    const random = seededRandom(20261203);
    const events: ActivityEventInput[] = [];
    for (let d = 42; d >= 0; d--) {
      const date = localDate(new Date(now - d * DAY), timeZone);
      TRIADS.forEach((_, t) => events.push(...triadDay(t + 1, date, timeZone, paces[t]!, random, now)));
    }
    for (let k = 0; k < events.length; k += 1000) await post('/events', events.slice(k, k + 1000));

    // The game around the points: rewards, last month closed with its winners, a target per team.
    for (const [period, board, place, title, description] of [
      ['month', 'teams', 1, 'Ужин для команды', 'Ресторан на выбор тройки'],
      ['month', 'teams', 2, 'Кино для команды', 'Билеты на всю тройку'],
      ['month', 'telemarketer', 1, 'Выходной день', 'Оплачиваемый выходной в удобный день'],
      ['month', 'sales', 1, 'Сертификат в спа', 'Лучшему продавцу месяца'],
      ['quarter', 'teams', 1, 'Поездка на выходные', 'Загородный отдых для тройки'],
    ] as const) {
      await post('/rewards', { period, board, place, title, description });
    }
    const lastMonth = new Date(Date.UTC(year, month - 2, 15)).toISOString().slice(0, 7);
    await post(`/periods/${lastMonth}/close`);
    for (const [t] of TRIADS.entries())
      await send('PUT', '/targets', { teamId: `demo-team-${t + 1}`, period: 'month', at: today, points: 900 - t * 80 });
    const wall = (await (await send('GET', '/settings/wall')).json()) as Record<string, unknown>;
    await send('PUT', '/settings/wall', { ...wall, bigPayment: 200_000 });
  };

  // Live: the rest of today's work, sent as its time comes (none at night or at weekends).
  const random = seededRandom(Date.now() % 2 ** 31);
  let pending: ActivityEventInput[] = [];
  let plannedFor = '';
  const tick = async (): Promise<void> => {
    const now = Date.now();
    const date = localDate(new Date(now), timeZone);
    if (date !== plannedFor) {
      plannedFor = date;
      pending = TRIADS.flatMap((_, t) => triadDay(t + 1, date, timeZone, paces[t]!, random, Infinity))
        .filter((e) => Date.parse(e.occurredAt) > now && Date.parse(e.occurredAt) < dayRange(date, timeZone).end.getTime())
        .map((e) => ({ ...e, id: `${e.id}-live` }))
        .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    }
    const due = pending.filter((e) => Date.parse(e.occurredAt) <= now);
    pending = pending.slice(due.length);
    if (due.length > 0) await post('/events', due);
  };

  void seed()
    .then(() => {
      log.log('Demo office: 6 triads ready; the working day goes on live');
      const timer = setInterval(() => void tick().catch((e: unknown) => log.warn(`demo: ${String(e)}`)), 2_000);
      timer.unref();
    })
    .catch((e: unknown) => log.error(`demo seeding failed: ${String(e)}`));
}
