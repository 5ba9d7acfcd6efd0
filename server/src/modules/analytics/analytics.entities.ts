import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The funnel's counters: one per office-local month, person, team they were in ('' for none) and counter. */
@Entity('funnel_counts')
export class FunnelCountEntity {
  @PrimaryColumn('varchar', { length: 7 }) month: string;
  @PrimaryColumn('varchar', { name: 'employee_id', length: 128 }) employeeId: string;
  @PrimaryColumn('varchar', { name: 'team_id', length: 128 }) teamId: string;
  @PrimaryColumn('varchar', { length: 20 }) counter: string;
  @Column('integer') n: number;
}

/** What the office remembers of each client that has a keeper or payments: for clients kept, lifetime and LTV. */
@Entity('funnel_clients')
export class FunnelClientEntity {
  @PrimaryColumn('varchar', { name: 'client_id', length: 128 }) clientId: string;
  @Column('varchar', { name: 'keeper_id', length: 128, nullable: true }) keeperId: string | null;
  @Column('varchar', { name: 'keeper_team_id', length: 128, nullable: true }) keeperTeamId: string | null;
  @Column('varchar', { name: 'first_paid_at', length: 30, nullable: true }) firstPaidAt: string | null;
  @Column('double precision', { name: 'first_amount' }) firstAmount: number;
  @Column('varchar', { name: 'last_paid_at', length: 30, nullable: true }) lastPaidAt: string | null;
  @Column('double precision', { name: 'paid_total' }) paidTotal: number;
  @Column('varchar', { name: 'churned_at', length: 30, nullable: true }) churnedAt: string | null;
}
