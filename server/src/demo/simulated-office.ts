import { stagesOf, type ActivityEvent, type FunnelStage, type OfficeCalendar, type Role } from '@conveyor/shared';
import { isWorkingDay, workingDaysBetween } from '../domain/funnel/calendar.js';
import { findWeakLinks, type FinderPerson } from '../domain/funnel/finder.js';
import { addBag, type CounterBag } from '../domain/funnel/funnel.js';
import { perPerson, sumCells, tallyEvents } from '../domain/funnel/tally.js';
import { formatDate } from '../domain/periods/zoned-time.js';
import type { ScoringContext } from '../domain/scoring/award.js';
import { DEFAULT_RULES } from '../domain/scoring/rule-set.js';

/**
 * A seeded conveyor office: triads of a telemarketer, a sales manager and an account manager who
 * work every working day at realistic rates (docs/funnel.md lists them), each person a little
 * better or worse than the office, and optionally one person with one stage at half the office's
 * rate. Used to judge the weak-link finder and to fill benchmark offices.
 */
export interface SimulationOptions {
  seed: number;
  /** 6 to 12 in the finder's evaluation; 30 in the speed benchmark. */
  triads: number;
  /** First month, `2026-04`, and how many months to simulate. */
  from: string;
  months: number;
  /** A stage one person of its role does at half the office's rate. */
  plant?: FunnelStage | null;
  calendar: OfficeCalendar;
  /** Relative spread of honest people's rates around the office's (0.05: ±5 % is one standard deviation). */
  spread?: number;
}

export interface SimulatedPerson {
  id: string;
  name: string;
  role: Role;
  teamId: string;
}

export interface SimulatedOffice {
  people: SimulatedPerson[];
  teams: { id: string; name: string }[];
  /** In `occurredAt` order; none at or after the end of the last month. */
  events: ActivityEvent[];
  planted: { employeeId: string; stage: FunnelStage } | null;
  /** The simulated months, `2026-04` …: earlier events are the account managers' books. */
  months: string[];
  /** The office's clock is Moscow's (UTC+3 all year). */
  timeZone: string;
}

/** The office's rates (docs/funnel.md): attempts a day, and the conversion at each stage. */
export const OFFICE_RATES = {
  attemptsPerDay: 75,
  callSuccess: 0.6,
  need: 0.2,
  meetingSet: 0.5,
  meetingHeld: 0.85,
  contract: 0.45,
  retention: 0.9,
  /** Clients each account manager already keeps when the simulation starts. */
  book: 50,
  firstPayment: 200_000,
} as const;

const NAMES = ['Пётр Иванов', 'Анна Смирнова', 'Олег Кузнецов', 'Мария Попова', 'Игорь Соколов', 'Елена Лебедева', 'Денис Козлов'];
const DAY = 86_400_000;
const MSK = 3 * 3_600_000;

/** A small seeded generator (mulberry32): the same seed gives the same office. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function simulateOffice(options: SimulationOptions): SimulatedOffice {
  const random = seededRandom(options.seed);
  const spread = options.spread ?? 0.04;
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const poisson = (mean: number): number => {
    // Knuth for small means, a rounded normal for large ones.
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  };
  // A person is a little better or worse than the office: the rarer outcome's rate, ± `spread` of it.
  const honest = (rate: number): number => {
    const factor = Math.max(0.5, 1 + spread * normal());
    return rate <= 0.5 ? rate * factor : 1 - (1 - rate) * factor;
  };

  const people: SimulatedPerson[] = [];
  const teams: { id: string; name: string }[] = [];
  for (let i = 1; i <= options.triads; i++) {
    teams.push({ id: `team-${i}`, name: `Команда ${i}` });
    for (const [role, letter] of [
      ['telemarketer', 't'],
      ['sales', 's'],
      ['account', 'a'],
    ] as const)
      people.push({
        id: `${letter}${i}`,
        name: `${NAMES[(i * 3 + letter.charCodeAt(0)) % NAMES.length]!} ${i}${letter}`,
        role,
        teamId: `team-${i}`,
      });
  }
  const stage = options.plant ?? null;
  const plantedTriad = stage ? 1 + Math.floor(random() * options.triads) : 0;
  const plantedRole = stage ? (stagesOf('telemarketer').includes(stage) ? 't' : stagesOf('sales').includes(stage) ? 's' : 'a') : '';
  const half = (triad: number, s: FunnelStage): number => (stage === s && triad === plantedTriad ? 0.5 : 1);

  const [fy, fm] = options.from.split('-').map(Number) as [number, number];
  const start = Date.UTC(fy, fm - 1, 1) - MSK;
  const end = Date.UTC(fy, fm - 1 + options.months, 1) - MSK;
  const events: ActivityEvent[] = [];
  let serial = 0;
  const id = (kind: string): string => `sim-${options.seed}-${kind}-${++serial}`;
  const push = (e: ActivityEvent): void => {
    if (Date.parse(e.occurredAt) < end) events.push(e);
  };
  const at = (t: number): string => new Date(t).toISOString();

  /** A kept client pays every month from `firstPay` on, until it churns or the simulation ends. */
  const keep = (
    clientId: string,
    keeper: string,
    firstPay: number,
    retention: readonly [before: number, after: number],
    amount: number,
  ): void => {
    for (let t = firstPay, month = 0; t < end; t += 30 * DAY + Math.floor(random() * 2 * DAY), month++) {
      if (month > 0 && random() >= (t < start ? retention[0] : retention[1])) {
        push({ id: id('churn'), type: 'client.churned', occurredAt: at(t), employeeId: keeper, clientId });
        return;
      }
      push({
        id: id('pay'),
        type: 'payment.received',
        occurredAt: at(t),
        clientId,
        amount: month === 0 ? amount : Math.round(amount * 0.6),
      });
    }
  };

  for (let i = 1; i <= options.triads; i++) {
    const t = `t${i}`;
    const s = `s${i}`;
    const a = `a${i}`;
    const rate = {
      attempts: OFFICE_RATES.attemptsPerDay * Math.max(0.5, 1 + spread * normal()) * half(i, 'calls'),
      callSuccess: honest(OFFICE_RATES.callSuccess) * half(i, 'call.success'),
      need: honest(OFFICE_RATES.need) * half(i, 'need'),
      meetingSet: honest(OFFICE_RATES.meetingSet) * half(i, 'meeting.set'),
      meetingHeld: honest(OFFICE_RATES.meetingHeld) * half(i, 'meeting.held'),
      contract: honest(OFFICE_RATES.contract) * half(i, 'contract'),
      retention: honest(OFFICE_RATES.retention),
    };
    // A weak keeper is weak from the first simulated month on; before it, their book was kept as usual.
    const keeping = rate.retention * half(i, 'retention');
    // The account manager's book: clients handed over and paying since before the simulation.
    for (let c = 0; c < OFFICE_RATES.book; c++) {
      const clientId = id('book');
      const firstPay = start - (35 + Math.floor(random() * 25)) * DAY + 10 * 3_600_000;
      push({ id: id('hand'), type: 'client.handed_over', occurredAt: at(firstPay - 5 * DAY), employeeId: s, clientId, toEmployeeId: a });
      keep(clientId, a, firstPay, [rate.retention, keeping], Math.round(OFFICE_RATES.firstPayment * (0.5 + random())));
    }
    for (let day = start + MSK; day < end; day += DAY) {
      const d = new Date(day);
      if (!isWorkingDay(formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), options.calendar)) continue;
      const attempts = poisson(rate.attempts * (1 + 0.1 * normal()));
      const open = day - MSK + 9 * 3_600_000;
      for (let c = 0; c < attempts; c++) {
        const callAt = open + Math.floor((c / Math.max(1, attempts)) * 9 * 3_600_000) + Math.floor(random() * 300_000);
        const success = random() < rate.callSuccess;
        const durationSec = success ? 30 + Math.floor(-Math.log(1 - random()) * 110) : 3 + Math.floor(random() * 27);
        push({ id: id('call'), type: 'call', occurredAt: at(callAt), employeeId: t, durationSec });
        if (!success || random() >= rate.need) continue;
        const clientId = id('client');
        const clientName = `ООО «Клиент ${serial}»`;
        push({ id: id('need'), type: 'need.identified', occurredAt: at(callAt + 60_000), employeeId: t, clientId, clientName });
        if (random() >= rate.meetingSet) continue;
        push({ id: id('meet'), type: 'meeting.scheduled', occurredAt: at(callAt + 120_000), employeeId: t, clientId, toEmployeeId: s });
        if (random() >= rate.meetingHeld) continue;
        const heldAt = callAt + (1 + Math.floor(random() * 5)) * DAY;
        push({ id: id('held'), type: 'meeting.held', occurredAt: at(heldAt), employeeId: s, clientId });
        if (random() >= rate.contract) continue;
        const signedAt = heldAt + (2 + Math.floor(random() * 9)) * DAY;
        push({ id: id('contract'), type: 'contract.signed', occurredAt: at(signedAt), employeeId: s, clientId });
        push({ id: id('hand'), type: 'client.handed_over', occurredAt: at(signedAt + DAY), employeeId: s, clientId, toEmployeeId: a });
        keep(
          clientId,
          a,
          signedAt + (3 + Math.floor(random() * 8)) * DAY,
          [rate.retention, keeping],
          Math.round(OFFICE_RATES.firstPayment * (0.5 + random())),
        );
      }
    }
  }
  events.sort((x, y) => (x.occurredAt < y.occurredAt ? -1 : x.occurredAt > y.occurredAt ? 1 : x.id < y.id ? -1 : 1));
  return {
    people,
    teams,
    events,
    planted: stage ? { employeeId: `${plantedRole}${plantedTriad}`, stage } : null,
    months: Array.from({ length: options.months }, (_, i) => {
      const d = new Date(Date.UTC(fy, fm - 1 + i, 1));
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    }),
    timeZone: 'Europe/Moscow',
  };
}

/** The scoring context of a simulated office: fixed teams, the default rules. */
export function simulatedContext(office: SimulatedOffice): ScoringContext {
  const byId = new Map(office.people.map((p) => [p.id, p]));
  const member = new Map(office.people.map((p) => [`${p.teamId}|${p.role}`, p.id]));
  return {
    rulesAt: () => DEFAULT_RULES,
    timeZone: office.timeZone,
    employee: (eid) => byId.get(eid),
    teamAt: (eid) => byId.get(eid)?.teamId ?? null,
    memberAt: (team, role) => member.get(`${team}|${role}`) ?? null,
    teamName: (team) => office.teams.find((x) => x.id === team)?.name ?? team,
  };
}

/**
 * The finder's verdict on a simulated office over its months: every event counted as the server
 * counts it (tally.ts), each person's bag over the period, working days from the calendar.
 */
export function weakLinksOf(office: SimulatedOffice, calendar: OfficeCalendar, periodKey: string): ReturnType<typeof findWeakLinks> {
  const ctx = simulatedContext(office);
  const { cells, clients } = tallyEvents(office.events, ctx);
  const months = new Set(office.months);
  const first = `${office.months[0]!}-01`;
  const [ly, lm] = office.months.at(-1)!.split('-').map(Number) as [number, number];
  const days = workingDaysBetween(first, formatDate(ly, lm, new Date(Date.UTC(ly, lm, 0)).getUTCDate()), calendar);
  const rows = perPerson(sumCells(cells, months));
  const bag: CounterBag = {};
  for (const r of rows.values()) addBag(bag, r.bag);
  const paying = clients.filter((c) => c.firstPaidAt !== null);
  const people: FinderPerson[] = office.people.map((p) => ({
    employeeId: p.id,
    name: p.name,
    role: p.role,
    teamId: rows.get(p.id)?.teamId ?? p.teamId,
    bag: rows.get(p.id)?.bag ?? {},
    days: p.role === 'telemarketer' ? days : 0,
  }));
  return findWeakLinks(people, {
    bag,
    avgFirstPayment: paying.reduce((s, c) => s + c.firstAmount, 0) / Math.max(1, paying.length),
    avgLtv: paying.reduce((s, c) => s + c.paidTotal, 0) / Math.max(1, paying.length),
    rules: DEFAULT_RULES,
    currency: 'RUB',
    periodKey,
  });
}
