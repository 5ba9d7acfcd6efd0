import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The grade a team holds in a window, kept so that each crossing is announced once. */
@Entity('team_grades')
export class TeamGradeEntity {
  @PrimaryColumn('varchar', { name: 'team_id', length: 128 }) teamId: string;
  @PrimaryColumn('varchar', { name: 'window_key', length: 10 }) windowKey: string;
  @Column('varchar', { length: 50, nullable: true }) grade: string | null;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
