import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@conveyor/shared';

// Instants are stored as UTC ISO-8601 strings with milliseconds and `Z`: they sort as text on
// SQLite and PostgreSQL alike.

@Entity('employees')
export class EmployeeEntity {
  @PrimaryColumn('varchar', { length: 128 }) id: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { length: 16 }) role: Role;
  @Column('boolean', { default: true }) active: boolean;
  /** Preferred language (`ru`, `en`); null: the office's. */
  @Column('varchar', { length: 2, nullable: true }) locale: string | null;
  /** Their photo (`photos.id`, the SHA-256 of its bytes); null: initials on a colour. */
  @Column('varchar', { name: 'photo_id', length: 64, nullable: true }) photoId: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** An employee's user id in another system; one person per (system, id). */
@Entity('employee_external_ids')
export class ExternalIdEntity {
  @PrimaryColumn('varchar', { length: 20 }) system: string;
  @PrimaryColumn('varchar', { name: 'external_id', length: 128 }) externalId: string;
  @Column('varchar', { name: 'employee_id', length: 128 }) employeeId: string;
}

@Entity('teams')
export class TeamEntity {
  @PrimaryColumn('varchar', { length: 128 }) id: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('boolean', { default: true }) active: boolean;
  /** The team's photo (`photos.id`); null: screens show the members' faces. */
  @Column('varchar', { name: 'photo_id', length: 64, nullable: true }) photoId: string | null;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** One stint of an employee in a team, [validFrom, validTo). */
@Entity('memberships')
@Index('idx_memberships_employee', ['employeeId', 'validFrom'])
@Index('idx_memberships_team', ['teamId', 'validFrom'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column('varchar', { name: 'team_id', length: 128 }) teamId: string;
  @Column('varchar', { name: 'employee_id', length: 128 }) employeeId: string;
  @Column('varchar', { length: 16 }) role: Role;
  @Column('varchar', { name: 'valid_from', length: 30 }) validFrom: string;
  @Column('varchar', { name: 'valid_to', length: 30, nullable: true }) validTo: string | null;
}
