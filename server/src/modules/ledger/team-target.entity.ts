import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A team's points target for one period (`period` month|quarter|year, `period_key` like 2026-11). */
@Entity('team_targets')
export class TeamTargetEntity {
  @PrimaryColumn('varchar', { name: 'team_id', length: 128 }) teamId: string;
  @PrimaryColumn('varchar', { length: 8 }) period: string;
  @PrimaryColumn('varchar', { name: 'period_key', length: 10 }) periodKey: string;
  @Column('integer') points: number;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
