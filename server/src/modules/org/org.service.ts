import { Injectable } from '@nestjs/common';
import {
  ROLES,
  photoUrlOf,
  type CreateEmployee,
  type CreateTeam,
  type Employee,
  type ExternalIds,
  type IntegrationSystem,
  type MembersPatch,
  type Membership,
  type Role,
  type Team,
  type TeamMember,
  type UpdateEmployee,
  type UpdateTeam,
} from '@conveyor/shared';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { planMembershipChange } from '../../domain/org/membership-plan.js';
import { instantOf } from '../../domain/periods/zoned-time.js';
import { EmployeeEntity, MembershipEntity, TeamEntity, type ExternalIdEntity } from './org.entities.js';
import { OrgRepository } from './org.repository.js';

/** People, teams and who is in which team when. */
@Injectable()
export class OrgService {
  constructor(
    private readonly db: Database,
    private readonly repo: OrgRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly events: AppEvents,
  ) {}

  async listEmployees(): Promise<Employee[]> {
    const em = this.db.manager;
    const [rows, current, external] = await Promise.all([
      this.repo.listEmployees(em),
      this.repo.currentMemberships(em),
      this.repo.externalIds(em),
    ]);
    const teamOf = new Map(current.map((m) => [m.employeeId, m.teamId]));
    return rows.map((e) => mapEmployee(e, teamOf.get(e.id) ?? null, external));
  }

  async getEmployee(id: string): Promise<Employee> {
    const em = this.db.manager;
    const row = await this.repo.findEmployee(em, id);
    if (!row) throw DomainError.notFound('Employee', id);
    const stints = await this.repo.membershipsOfEmployees(em, [id]);
    const current = stints.find((m) => m.validTo === null);
    return { ...mapEmployee(row, current?.teamId ?? null, await this.repo.externalIds(em, [id])), history: stints.map(mapMembership) };
  }

  async createEmployee(input: CreateEmployee): Promise<Employee> {
    const now = this.clock.now().toISOString();
    const id = input.id ?? randomUUID();
    await this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {});
      if (await this.repo.findEmployee(em, id)) {
        throw new DomainError('conflict', `Employee "${id}" already exists`, [
          { index: 0, field: 'id', reason: `an employee with id "${id}" already exists` },
        ]).withCode('employee.exists');
      }
      await this.repo.saveEmployee(
        em,
        Object.assign(new EmployeeEntity(), {
          id,
          name: input.name,
          role: input.role,
          active: true,
          locale: null,
          photoId: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.setExternalIds(em, id, input.externalIds ?? {});
    });
    this.events.emit('org.changed', {});
    return this.getEmployee(id);
  }

  async updateEmployee(id: string, patch: UpdateEmployee): Promise<Employee> {
    const now = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {});
      const row = await this.repo.findEmployee(em, id);
      if (!row) throw DomainError.notFound('Employee', id);
      const current = (await this.repo.membershipsOfEmployees(em, [id])).find((m) => m.validTo === null);
      if (patch.role !== undefined && patch.role !== row.role && current) {
        throw new DomainError('unprocessable', 'Cannot change the role of a team member', [
          {
            index: 0,
            field: 'role',
            reason: `employee "${id}" is the ${row.role} of team "${current.teamId}"; take them out of the team first`,
          },
        ]).withCode('employee.in_team');
      }
      // Deactivating someone ends their team membership now; their past points stay.
      if (patch.active === false && current) await this.repo.endMembership(em, current.id, now);
      const { externalIds, ...fields } = patch;
      Object.assign(row, { ...fields, updatedAt: now });
      await this.repo.saveEmployee(em, row);
      await this.setExternalIds(em, id, externalIds ?? {});
      if (patch.active === false) await this.events.raise(em, 'employee.deactivated', { employeeId: id, at: now });
    });
    this.events.emit('org.changed', {});
    return this.getEmployee(id);
  }

  /** Sets an employee's ids in other systems; an id another employee holds in that system is a 409. */
  private async setExternalIds(
    em: EntityManager,
    employeeId: string,
    ids: Partial<Record<IntegrationSystem, string | null>>,
  ): Promise<void> {
    for (const [system, externalId] of Object.entries(ids)) {
      if (externalId === undefined) continue;
      const holder = externalId === null ? null : await this.repo.externalId(em, system, externalId);
      if (holder && holder.employeeId !== employeeId) {
        throw new DomainError('conflict', `${system} user "${externalId}" is already another employee's`, [
          { index: 0, field: `externalIds.${system}`, reason: `belongs to employee "${holder.employeeId}"` },
        ]).withCode('employee.external_id_taken');
      }
      await this.repo.setExternalId(em, employeeId, system, externalId);
    }
  }

  async listTeams(): Promise<Team[]> {
    const em = this.db.manager;
    const [teams, current, employees] = await Promise.all([
      this.repo.listTeams(em),
      this.repo.currentMemberships(em),
      this.repo.listEmployees(em),
    ]);
    const people = new Map(employees.map((e) => [e.id, e]));
    return teams.map((t) =>
      mapTeam(
        t,
        current.filter((m) => m.teamId === t.id),
        people,
      ),
    );
  }

  async getTeam(id: string): Promise<Team> {
    const em = this.db.manager;
    const team = await this.repo.findTeam(em, id);
    if (!team) throw DomainError.notFound('Team', id);
    const history = await this.repo.membershipsOfTeam(em, id);
    const people = new Map((await this.repo.employeesByIds(em, [...new Set(history.map((m) => m.employeeId))])).map((e) => [e.id, e]));
    return {
      ...mapTeam(
        team,
        history.filter((m) => m.validTo === null),
        people,
      ),
      history: history.map(mapMembership),
    };
  }

  async createTeam(input: CreateTeam): Promise<Team> {
    const now = this.clock.now().toISOString();
    const id = input.id ?? randomUUID();
    const since = this.since(input.since);
    await this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {});
      if (await this.repo.findTeam(em, id)) {
        throw new DomainError('conflict', `Team "${id}" already exists`, [
          { index: 0, field: 'id', reason: `a team with id "${id}" already exists` },
        ]).withCode('team.exists');
      }
      await this.repo.saveTeam(
        em,
        Object.assign(new TeamEntity(), { id, name: input.name, active: true, photoId: null, createdAt: now, updatedAt: now }),
      );
      await this.changeMembers(em, id, input.members ?? {}, since);
    });
    this.events.emit('org.changed', {});
    return this.getTeam(id);
  }

  async updateTeam(id: string, patch: UpdateTeam): Promise<Team> {
    const now = this.clock.now().toISOString();
    const since = this.since(patch.since);
    await this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {});
      const team = await this.repo.findTeam(em, id);
      if (!team) throw DomainError.notFound('Team', id);
      let slots: MembersPatch = patch.members ?? {};
      if (patch.active === false) slots = Object.fromEntries(ROLES.map((r) => [r, null]));
      else if (!team.active && patch.active !== true && Object.values(slots).some((v) => v)) {
        throw new DomainError('unprocessable', 'The team is deactivated', [
          { index: 0, field: 'members', reason: `team "${id}" is deactivated; set active: true first` },
        ]).withCode('team.inactive');
      }
      await this.changeMembers(em, id, slots, since);
      if (patch.name !== undefined) team.name = patch.name;
      if (patch.active !== undefined) team.active = patch.active;
      team.updatedAt = now;
      await this.repo.saveTeam(em, team);
    });
    this.events.emit('org.changed', {});
    return this.getTeam(id);
  }

  private since(value: string | undefined): string {
    const now = this.clock.now();
    if (value === undefined) return now.toISOString();
    const at = instantOf(value, this.config.timeZone);
    if (at.getTime() > now.getTime() + 5 * 60 * 1000) {
      throw new DomainError('unprocessable', 'Membership changes cannot be dated in the future', [
        { index: 0, field: 'since', reason: 'must not be in the future' },
      ]).withCode('membership.future');
    }
    return at.toISOString();
  }

  /** Applies slot changes at `since`; awards from `since` on are re-attributed to the new teams. */
  private async changeMembers(em: EntityManager, teamId: string, slots: MembersPatch, since: string): Promise<void> {
    const current = await this.repo.currentMemberships(em);
    const wanted = Object.values(slots).filter((v): v is string => typeof v === 'string');
    const people = new Map((await this.repo.employeesByIds(em, wanted)).map((e) => [e.id, e]));
    const plan = planMembershipChange({ teamId, slots, since, current, employee: (id) => people.get(id) });
    if (plan.errors.length > 0)
      throw new DomainError('unprocessable', 'The team change breaks a rule; nothing was changed', plan.errors).withCode(
        'team.change_refused',
      );
    for (const end of plan.end) await this.repo.endMembership(em, end.id, end.at);
    for (const add of plan.add) await this.repo.addMembership(em, Object.assign(new MembershipEntity(), { ...add, validTo: null }));
    if (plan.affected.length > 0) await this.events.raise(em, 'org.membersChanged', { employeeIds: plan.affected, since });
  }
}

function mapEmployee(e: EmployeeEntity, teamId: string | null, external: readonly ExternalIdEntity[]): Employee {
  const externalIds: ExternalIds = {};
  for (const x of external) if (x.employeeId === e.id) externalIds[x.system as IntegrationSystem] = x.externalId;
  return {
    id: e.id,
    name: e.name,
    role: e.role,
    active: e.active,
    externalIds,
    teamId,
    photoUrl: photoUrlOf(e.photoId),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

function mapMembership(m: MembershipEntity): Membership {
  return { teamId: m.teamId, employeeId: m.employeeId, role: m.role, from: m.validFrom, to: m.validTo };
}

function mapTeam(t: TeamEntity, current: MembershipEntity[], people: Map<string, EmployeeEntity>): Team {
  const members = Object.fromEntries(ROLES.map((r) => [r, null])) as Record<Role, TeamMember | null>;
  for (const m of current) {
    const person = people.get(m.employeeId);
    members[m.role] = {
      employeeId: m.employeeId,
      name: person?.name ?? m.employeeId,
      role: m.role,
      since: m.validFrom,
      photoUrl: photoUrlOf(person?.photoId),
    };
  }
  return {
    id: t.id,
    name: t.name,
    active: t.active,
    members,
    photoUrl: photoUrlOf(t.photoId),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
