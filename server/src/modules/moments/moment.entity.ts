import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Grade changes, targets reached, periods closed, new clients, renewals and big payments, numbered for live replay. */
@Entity('moments')
export class MomentEntity {
  @PrimaryColumn('integer') version: number;
  @Column('varchar', { length: 20 }) type: string;
  @Column('text') data: string;
  @Column('varchar', { length: 30 }) at: string;
}
