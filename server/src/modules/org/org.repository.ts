import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { EmployeeEntity, ExternalIdEntity, MembershipEntity, TeamEntity } from './org.entities.js';

/** All database access for people, teams and memberships. */
@Injectable()
export class OrgRepository {
  async setEmployeeLocale(em: EntityManager, id: string, locale: string | null): Promise<void> {
    await em.update(EmployeeEntity, { id }, { locale });
  }

  findEmployee(em: EntityManager, id: string): Promise<EmployeeEntity | null> {
    return em.findOneBy(EmployeeEntity, { id });
  }

  employeesByIds(em: EntityManager, ids: readonly string[]): Promise<EmployeeEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.findBy(EmployeeEntity, { id: In([...ids]) });
  }

  listEmployees(em: EntityManager): Promise<EmployeeEntity[]> {
    return em.find(EmployeeEntity, { order: { name: 'ASC', id: 'ASC' } });
  }

  async saveEmployee(em: EntityManager, employee: EmployeeEntity): Promise<void> {
    await em.save(EmployeeEntity, employee);
  }

  /** External ids of some employees (all, without `employeeIds`). */
  externalIds(em: EntityManager, employeeIds?: readonly string[]): Promise<ExternalIdEntity[]> {
    return em.find(ExternalIdEntity, employeeIds ? { where: { employeeId: In([...employeeIds]) } } : {});
  }

  externalId(em: EntityManager, system: string, externalId: string): Promise<ExternalIdEntity | null> {
    return em.findOneBy(ExternalIdEntity, { system, externalId });
  }

  /** Sets (or with null, forgets) an employee's id in a system. */
  async setExternalId(em: EntityManager, employeeId: string, system: string, externalId: string | null): Promise<void> {
    await em.delete(ExternalIdEntity, { employeeId, system });
    if (externalId !== null) await em.insert(ExternalIdEntity, { system, externalId, employeeId });
  }

  findTeam(em: EntityManager, id: string): Promise<TeamEntity | null> {
    return em.findOneBy(TeamEntity, { id });
  }

  listTeams(em: EntityManager): Promise<TeamEntity[]> {
    return em.find(TeamEntity, { order: { name: 'ASC', id: 'ASC' } });
  }

  async saveTeam(em: EntityManager, team: TeamEntity): Promise<void> {
    await em.save(TeamEntity, team);
  }

  currentMemberships(em: EntityManager): Promise<MembershipEntity[]> {
    return em.find(MembershipEntity, { where: { validTo: IsNull() }, order: { validFrom: 'ASC' } });
  }

  allMemberships(em: EntityManager): Promise<MembershipEntity[]> {
    return em.find(MembershipEntity, { order: { validFrom: 'ASC', id: 'ASC' } });
  }

  membershipsOfEmployees(em: EntityManager, employeeIds: readonly string[]): Promise<MembershipEntity[]> {
    return employeeIds.length === 0
      ? Promise.resolve([])
      : em.find(MembershipEntity, { where: { employeeId: In([...employeeIds]) }, order: { validFrom: 'ASC' } });
  }

  membershipsOfTeam(em: EntityManager, teamId: string): Promise<MembershipEntity[]> {
    return em.find(MembershipEntity, { where: { teamId }, order: { validFrom: 'ASC', id: 'ASC' } });
  }

  async endMembership(em: EntityManager, id: number, at: string): Promise<void> {
    await em.update(MembershipEntity, { id }, { validTo: at });
  }

  async addMembership(em: EntityManager, m: Omit<MembershipEntity, 'id'>): Promise<void> {
    await em.insert(MembershipEntity, m);
  }
}
