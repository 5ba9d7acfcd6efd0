import { Injectable } from '@nestjs/common';
import type { TodayLane, TodayRace } from '@conveyor/shared';
import { OfficeTime } from '../../core/office-time.js';
import { Database } from '../../database/database.js';
import { successfulCallsByEmployee, workingHours } from '../../domain/me/calls.js';
import { ruleSetAt } from '../../domain/scoring/rule-set.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { OrgDirectory } from '../org/org.directory.js';
import { RuleBook } from '../rules/rule-book.js';

/** Today's race of the telemarketers to the daily norm, counted as the phone counts a person's day (domain/me/calls). */
@Injectable()
export class TodayRaceService {
  constructor(
    private readonly db: Database,
    private readonly org: OrgDirectory,
    private readonly ledger: LedgerReader,
    private readonly rules: RuleBook,
    private readonly time: OfficeTime,
  ) {}

  race(): Promise<TodayRace> {
    const now = this.time.now();
    const date = this.time.today();
    const day = this.time.day(date);
    const hours = workingHours(date, this.time.timeZone);
    return this.db.read(async (em) => {
      const rules = ruleSetAt(await this.rules.ruleSets(em), now.toISOString()).telemarketer;
      const [employees, teams, memberships] = await Promise.all([
        this.org.listEmployees(em),
        this.org.listTeams(em),
        this.org.currentMemberships(em),
      ]);
      const people = employees.filter((e) => e.active && e.role === 'telemarketer');
      const events = people.length
        ? await this.ledger.eventsOfEmployeesSince(
            em,
            people.map((p) => p.id),
            day.start.toISOString(),
          )
        : [];
      const calls = successfulCallsByEmployee(events, rules.successfulCallSec, day.start.toISOString(), day.end.toISOString());
      const teamName = new Map(teams.map((t) => [t.id, t.name]));
      const teamOf = new Map(memberships.map((m) => [m.employeeId, teamName.get(m.teamId) ?? null]));
      const lanes: TodayLane[] = people
        .map((p) => ({ id: p.id, name: p.name, teamName: teamOf.get(p.id) ?? null, calls: calls.get(p.id) ?? 0 }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
      return {
        date,
        norm: rules.dailyNorm,
        minCallSeconds: rules.successfulCallSec,
        dayStart: hours.start.toISOString(),
        dayEnd: hours.end.toISOString(),
        at: now.toISOString(),
        lanes,
      };
    });
  }
}
