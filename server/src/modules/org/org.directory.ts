import { Injectable } from '@nestjs/common';
import { photoUrlOf } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import type { EmployeeEntity, MembershipEntity, TeamEntity } from './org.entities.js';
import { OrgRepository } from './org.repository.js';

/**
 * The org room's door for other rooms: who works here, in which team, since when. Reads run in the
 * caller's transaction or read; the only write is a person's language, which is theirs to choose.
 */
@Injectable()
export class OrgDirectory {
  constructor(private readonly repo: OrgRepository) {}

  findEmployee(em: EntityManager, id: string): Promise<EmployeeEntity | null> {
    return this.repo.findEmployee(em, id);
  }

  employeesByIds(em: EntityManager, ids: readonly string[]): Promise<EmployeeEntity[]> {
    return this.repo.employeesByIds(em, ids);
  }

  listEmployees(em: EntityManager): Promise<EmployeeEntity[]> {
    return this.repo.listEmployees(em);
  }

  /** The employee a system's user id belongs to, if anyone's. */
  async employeeByExternalId(em: EntityManager, system: string, externalId: string): Promise<EmployeeEntity | null> {
    const row = await this.repo.externalId(em, system, externalId);
    return row ? this.repo.findEmployee(em, row.employeeId) : null;
  }

  /** Every employee's user id in each system: system → (their id there → employee id). */
  async externalIdMaps(em: EntityManager): Promise<Map<string, Map<string, string>>> {
    const maps = new Map<string, Map<string, string>>();
    for (const row of await this.repo.externalIds(em)) {
      const map = maps.get(row.system) ?? new Map<string, string>();
      map.set(row.externalId, row.employeeId);
      maps.set(row.system, map);
    }
    return maps;
  }

  findTeam(em: EntityManager, id: string): Promise<TeamEntity | null> {
    return this.repo.findTeam(em, id);
  }

  listTeams(em: EntityManager): Promise<TeamEntity[]> {
    return this.repo.listTeams(em);
  }

  /** Memberships that hold now. */
  currentMemberships(em: EntityManager): Promise<MembershipEntity[]> {
    return this.repo.currentMemberships(em);
  }

  /** Every stint, past and present. */
  allMemberships(em: EntityManager): Promise<MembershipEntity[]> {
    return this.repo.allMemberships(em);
  }

  /** People's photo addresses by id (null: none; ids of nobody are left out), for payloads that show faces. */
  async employeePhotoUrls(em: EntityManager, ids: readonly string[]): Promise<Map<string, string | null>> {
    return new Map((await this.repo.employeesByIds(em, ids)).map((e) => [e.id, photoUrlOf(e.photoId)]));
  }

  /** A person's or a team's photo address from their row (null: none). */
  photoUrlOf(row: { photoId: string | null }): string | null {
    return photoUrlOf(row.photoId);
  }

  setEmployeeLocale(em: EntityManager, id: string, locale: string | null): Promise<void> {
    return this.repo.setEmployeeLocale(em, id, locale);
  }
}
