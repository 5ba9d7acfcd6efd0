import { Injectable } from '@nestjs/common';
import {
  OfficeCalendarSchema,
  type AnalyticsPeriod,
  type FunnelEmployeeRow,
  type FunnelReport,
  type FunnelTeamRow,
  type MeFunnel,
  type OfficeCalendar,
  type PeriodKind,
  type PersonFunnelHistory,
  type WeakLinksReport,
} from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { DEFAULT_CALENDAR, workingDates } from '../../domain/funnel/calendar.js';
import type { ClientSummary } from '../../domain/funnel/counts.js';
import { findWeakLinks, type FinderPerson } from '../../domain/funnel/finder.js';
import { addBag, allStages, clientsKept, myFunnel, roleStages, type CounterBag } from '../../domain/funnel/funnel.js';
import { perPerson, type BagRow } from '../../domain/funnel/tally.js';
import { localDate, parseLocalDate, formatDate, zonedToUtc } from '../../domain/periods/zoned-time.js';
import { CURRENCY, type ScoringContext } from '../../domain/scoring/award.js';
import { ScoringContextLoader } from '../ledger/context.loader.js';
import { OrgDirectory } from '../org/org.directory.js';
import { SettingsStore } from '../settings/settings.store.js';
import { FunnelRepository } from './funnel.repository.js';

const CALENDAR_KEY = 'calendar';

const MONTHS_IN: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

/** A period resolved for the analytics: its range, local dates, months and working days so far. */
export interface ResolvedPeriod {
  period: AnalyticsPeriod;
  months: string[];
  /** The working dates counted: from the first day up to today for the current period. */
  dates: string[];
}

/** Everything the reports are made of, read once per request. */
interface Material {
  resolved: ResolvedPeriod;
  /** Noon of each working date counted, as an instant: when a person's team on that day is read. */
  noons: string[];
  ctx: ScoringContext;
  people: Map<string, { name: string; role: FinderPerson['role']; active: boolean }>;
  teams: Map<string, string>;
  rows: BagRow[];
  clients: ClientSummary[];
}

/** The funnel, the weak links and a person's funnel, read from the counters (never a scan of the events). */
@Injectable()
export class FunnelReports {
  constructor(
    private readonly db: Database,
    private readonly repo: FunnelRepository,
    private readonly contexts: ScoringContextLoader,
    private readonly org: OrgDirectory,
    private readonly settings: SettingsStore,
    private readonly time: OfficeTime,
  ) {}

  calendar(): Promise<OfficeCalendar> {
    return this.db.read((em) => this.readCalendar(em));
  }

  async setCalendar(calendar: OfficeCalendar): Promise<OfficeCalendar> {
    const sorted = {
      weekdays: [...new Set(calendar.weekdays)].sort(),
      holidays: [...new Set(calendar.holidays)].sort(),
      workdays: [...new Set(calendar.workdays)].sort(),
    };
    await this.db.write((em) => this.settings.write(em, CALENDAR_KEY, sorted, this.time.now().toISOString()));
    return sorted;
  }

  async funnel(kind: PeriodKind, at: string | undefined): Promise<FunnelReport> {
    return this.db.read(async (em) => {
      const m = await this.material(em, kind, at);
      const now = this.time.now().toISOString();
      const { from, to } = m.resolved.period;
      const days = (employeeId: string, teamId: string | null) => this.daysIn(m, employeeId, teamId);
      const office: CounterBag = {};
      let officeDays = 0;
      const teamBags = new Map<string, { bag: CounterBag; days: number }>();
      const employees: FunnelEmployeeRow[] = [];
      const byKeeper = groupBy(m.clients, (c) => c.keeperId);
      const byTeam = groupBy(m.clients, (c) => c.keeperTeamId);
      for (const row of m.rows) {
        const who = m.people.get(row.employeeId);
        if (!who) continue;
        const d = who.role === 'telemarketer' ? days(row.employeeId, row.teamId) : 0;
        addBag(office, row.bag);
        officeDays += d;
        if (row.teamId) {
          const t = teamBags.get(row.teamId) ?? { bag: {}, days: 0 };
          addBag(t.bag, row.bag);
          t.days += d;
          teamBags.set(row.teamId, t);
        }
        employees.push({
          employeeId: row.employeeId,
          name: who.name,
          role: who.role,
          teamId: row.teamId,
          stages: roleStages(who.role, row.bag, d),
          ...(who.role === 'account' && {
            clients: clientsKept(byKeeper.get(row.employeeId) ?? [], from, to, now, CURRENCY),
          }),
        });
      }
      const teams: FunnelTeamRow[] = [...m.teams].map(([teamId, name]) => {
        const t = teamBags.get(teamId) ?? { bag: {}, days: 0 };
        return {
          teamId,
          name,
          stages: allStages(t.bag, t.days),
          clients: clientsKept(byTeam.get(teamId) ?? [], from, to, now, CURRENCY),
        };
      });
      employees.sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'ru'));
      return {
        period: m.resolved.period,
        office: { stages: allStages(office, officeDays), clients: clientsKept(m.clients, from, to, now, CURRENCY) },
        teams,
        employees,
      };
    });
  }

  async weakLinks(kind: PeriodKind, at: string | undefined): Promise<WeakLinksReport> {
    return this.db.read(async (em) => {
      const m = await this.material(em, kind, at);
      const { people, office } = this.finderInput(m);
      const rules = m.ctx.rulesAt(m.resolved.period.to);
      const paying = m.clients;
      const avg = (f: (c: ClientSummary) => number) => (paying.length > 0 ? paying.reduce((s, c) => s + f(c), 0) / paying.length : 0);
      const found = findWeakLinks(people, {
        bag: office,
        avgFirstPayment: avg((c) => c.firstAmount),
        avgLtv: avg((c) => c.paidTotal),
        rules,
        currency: CURRENCY,
        periodKey: m.resolved.period.key,
      });
      return { period: m.resolved.period, ...found };
    });
  }

  /** My stages beside the office median for my role, and the step that would help most. */
  async me(employeeId: string, kind: PeriodKind, at: string | undefined): Promise<MeFunnel> {
    return this.db.read(async (em) => {
      const m = await this.material(em, kind, at);
      const me = m.people.get(employeeId);
      if (!me) throw DomainError.notFound('Employee', employeeId);
      const { people } = this.finderInput(m);
      const stagesOfPerson = (p: FinderPerson) => roleStages(p.role, p.bag, p.days);
      const mine = people.find((p) => p.employeeId === employeeId);
      const others = people.filter((p) => p.role === me.role && p.employeeId !== employeeId && p.active).map(stagesOfPerson);
      const mineStages = mine ? stagesOfPerson(mine) : roleStages(me.role, {}, this.daysIn(m, employeeId, null));
      return { period: m.resolved.period, role: me.role, ...myFunnel(me.role, mineStages, others, m.resolved.period.key) };
    });
  }

  /** A person's stages month by month over the last `months` months (to the current one). */
  async person(employeeId: string, months: number): Promise<PersonFunnelHistory> {
    return this.db.read(async (em) => {
      const who = await this.org.findEmployee(em, employeeId);
      if (!who) throw DomainError.notFound('Employee', employeeId);
      const today = this.time.today();
      const keys: string[] = [];
      const { year, month } = parseLocalDate(today);
      for (let i = months - 1; i >= 0; i--) {
        const d = new Date(Date.UTC(year, month - 1 - i, 1));
        keys.push(formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 1).slice(0, 7));
      }
      const rows = await this.repo.monthsOf(em, employeeId, keys[0]!);
      const calendar = await this.readCalendar(em);
      return {
        employeeId,
        name: who.name,
        role: who.role,
        months: keys.map((key) => {
          const bag: CounterBag = {};
          for (const r of rows) if (r.month === key) bag[r.counter] = (bag[r.counter] ?? 0) + r.n;
          const days = who.role === 'telemarketer' ? this.resolve('month', `${key}-01`, calendar).dates.length : 0;
          return { key, stages: roleStages(who.role, bag, days) };
        }),
      };
    });
  }

  /** The period `at` (a local date, default today) falls in, with its months and working days up to today. */
  resolve(kind: PeriodKind, at: string | undefined, calendar: OfficeCalendar): ResolvedPeriod {
    const tz = this.time.timeZone;
    const range = this.time.period(kind, at ?? this.time.today());
    const first = localDate(new Date(range.start), tz);
    const lastOfPeriod = localDate(new Date(Date.parse(range.end) - 1), tz);
    const today = this.time.today();
    const last = lastOfPeriod < today ? lastOfPeriod : today;
    const dates = workingDates(first, last, calendar);
    // A period starts on the first of a month and its months stay within one year.
    const start = parseLocalDate(first);
    const months = Array.from({ length: MONTHS_IN[kind] }, (_, i) => formatDate(start.year, start.month + i, 1).slice(0, 7));
    return { period: { kind, key: range.key, from: range.start, to: range.end, workingDays: dates.length }, months, dates };
  }

  private async readCalendar(em: EntityManager): Promise<OfficeCalendar> {
    return this.settings.read(em, CALENDAR_KEY, OfficeCalendarSchema, DEFAULT_CALENDAR);
  }

  private async material(em: EntityManager, kind: PeriodKind, at: string | undefined): Promise<Material> {
    const resolved = this.resolve(kind, at, await this.readCalendar(em));
    const [ctx, employees, teams, sums, clients] = [
      await this.contexts.cachedContext(em),
      await this.org.listEmployees(em),
      await this.org.listTeams(em),
      await this.repo.sums(em, resolved.months),
      await this.repo.payingClients(em),
    ];
    const rows = new Map<string, BagRow>();
    for (const s of sums) {
      const key = `${s.employeeId}|${s.teamId ?? ''}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { employeeId: s.employeeId, teamId: s.teamId, bag: {} }));
      row.bag[s.counter] = (row.bag[s.counter] ?? 0) + s.n;
    }
    // Active people with nothing counted yet still have a row: a funnel of zeros is an answer too.
    for (const e of employees)
      if (e.active && ![...rows.values()].some((r) => r.employeeId === e.id)) {
        const teamId = ctx.teamAt(e.id, this.time.now().toISOString());
        rows.set(`${e.id}|${teamId ?? ''}`, { employeeId: e.id, teamId, bag: {} });
      }
    const tz = ctx.timeZone;
    const noons = resolved.dates.map((date) => {
      const { year, month, day } = parseLocalDate(date);
      return zonedToUtc(year, month, day, tz, 12).toISOString();
    });
    return {
      resolved,
      noons,
      ctx,
      people: new Map(employees.map((e) => [e.id, { name: e.name, role: e.role, active: e.active }])),
      teams: new Map(teams.filter((t) => t.active || sums.some((s) => s.teamId === t.id)).map((t) => [t.id, t.name])),
      rows: [...rows.values()],
      clients,
    };
  }

  /** The working dates a person was in a team (any team for null; all of them if never in one). */
  private daysIn(m: Material, employeeId: string, teamId: string | null): number {
    let inTeam = 0;
    for (const noon of m.noons) {
      const team = m.ctx.teamAt(employeeId, noon);
      if (teamId === null ? team !== null : team === teamId) inTeam++;
    }
    return teamId === null && inTeam === 0 ? m.noons.length : inTeam;
  }

  /** Each person's bag over all their teams, their working days, and the office's bag. */
  private finderInput(m: Material): { people: (FinderPerson & { active: boolean })[]; office: CounterBag } {
    const office: CounterBag = {};
    for (const r of m.rows) addBag(office, r.bag);
    const people = [...perPerson(m.rows)].flatMap(([employeeId, p]) => {
      const who = m.people.get(employeeId);
      if (!who) return [];
      const days = who.role === 'telemarketer' ? this.daysIn(m, employeeId, null) : 0;
      return [{ employeeId, name: who.name, role: who.role, active: who.active, teamId: p.teamId, bag: p.bag, days }];
    });
    return { people, office };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
