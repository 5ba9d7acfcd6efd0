import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A reward a manager attaches to a period kind and a place on a board. */
@Entity('rewards')
@Index('uq_rewards_place', ['period', 'board', 'place'], { unique: true })
export class RewardEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 8 }) period: string;
  @Column('varchar', { length: 16 }) board: string;
  @Column('integer') place: number;
  @Column('varchar', { length: 80 }) title: string;
  @Column('text') description: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** A closed period's frozen result. Its primary key is the period: a second close cannot insert. */
@Entity('period_results')
export class PeriodResultEntity {
  @PrimaryColumn('varchar', { name: 'period_key', length: 10 }) periodKey: string;
  @Column('varchar', { length: 8 }) period: string;
  @Column('varchar', { length: 30 }) start: string;
  @Column('varchar', { length: 30 }) end: string;
  @Column('varchar', { name: 'closed_at', length: 30 }) closedAt: string;
  @Column('varchar', { name: 'closed_by', length: 10 }) closedBy: string;
  /** The last ledger entry counted; later entries for the period are after-close adjustments. */
  @Column('integer', { name: 'last_entry_id' }) lastEntryId: number;
  /** JSON: the frozen boards. */
  @Column('text') standings: string;
  /** JSON: teams' earned grades when the period was the ladder's window. */
  @Column('text') grades: string;
}

@Entity('reward_grants')
@Index('idx_reward_grants_period', ['periodKey'])
export class RewardGrantEntity {
  @PrimaryColumn('varchar', { length: 80 }) id: string;
  @Column('varchar', { name: 'period_key', length: 10 }) periodKey: string;
  @Column('varchar', { length: 8 }) period: string;
  @Column('varchar', { name: 'reward_id', length: 64 }) rewardId: string;
  @Column('varchar', { length: 16 }) board: string;
  @Column('integer') place: number;
  @Column('varchar', { length: 80 }) title: string;
  @Column('text') description: string;
  @Column('varchar', { name: 'subject_type', length: 8 }) subjectType: string;
  @Column('varchar', { name: 'subject_id', length: 128 }) subjectId: string;
  @Column('varchar', { name: 'subject_name', length: 200 }) subjectName: string;
  @Column('integer') points: number;
  @Column('varchar', { name: 'granted_at', length: 30 }) grantedAt: string;
  @Column('varchar', { name: 'handed_out_at', length: 30, nullable: true }) handedOutAt: string | null;
}

/** The grade an employee earned with their team when a ladder window closed. */
@Entity('earned_grades')
export class EarnedGradeEntity {
  @PrimaryColumn('varchar', { name: 'employee_id', length: 128 }) employeeId: string;
  @PrimaryColumn('varchar', { name: 'window_key', length: 10 }) windowKey: string;
  @Column('varchar', { name: 'team_id', length: 128 }) teamId: string;
  @Column('varchar', { name: 'team_name', length: 200 }) teamName: string;
  @Column('varchar', { length: 50, nullable: true }) grade: string | null;
  @Column('integer') points: number;
  @Column('varchar', { name: 'recorded_at', length: 30 }) recordedAt: string;
}

@Entity('period_postponements')
export class PostponementEntity {
  @PrimaryColumn('varchar', { name: 'period_key', length: 10 }) periodKey: string;
  @Column('varchar', { length: 30 }) until: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
