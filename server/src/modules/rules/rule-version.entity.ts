import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A version of the scoring numbers, in effect from `effective_from` (UTC ISO) until the next one's. */
@Entity('rule_versions')
export class RuleVersionEntity {
  @PrimaryColumn('integer') version: number;
  @Column('varchar', { name: 'effective_from', length: 30 }) effectiveFrom: string;
  @Column('text') params: string;
  @Column('text') note: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
}
