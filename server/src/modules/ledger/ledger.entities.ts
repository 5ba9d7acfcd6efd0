import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every accepted activity event, normalized; `body` is what idempotency compares. */
@Entity('events')
@Index('idx_events_employee_time', ['employeeId', 'occurredAt'])
@Index('idx_events_client_time', ['clientId', 'occurredAt'])
@Index('idx_events_time', ['occurredAt'])
export class EventEntity {
  @PrimaryColumn('varchar', { length: 128 }) id: string;
  @Column('varchar', { length: 40 }) type: string;
  @Column('varchar', { name: 'occurred_at', length: 30 }) occurredAt: string;
  @Column('varchar', { name: 'employee_id', length: 128, nullable: true }) employeeId: string | null;
  @Column('varchar', { name: 'client_id', length: 128, nullable: true }) clientId: string | null;
  @Column('text') body: string;
  @Column('varchar', { name: 'received_at', length: 30 }) receivedAt: string;
  @Column('varchar', { name: 'voided_at', length: 30, nullable: true }) voidedAt: string | null;
  @Column('text', { name: 'void_reason', nullable: true }) voidReason: string | null;
  /** The system that recorded it (the body's `source`); null when self-reported. */
  @Column('varchar', { length: 20, nullable: true }) source: string | null;
}

/** The append-only ledger. A correction is a new entry with `reversesId` and opposite points. */
@Entity('ledger_entries')
@Index('idx_ledger_event', ['eventId'])
@Index('idx_ledger_employee_time', ['employeeId', 'occurredAt'])
export class LedgerEntryEntity {
  @PrimaryColumn('integer') id: number;
  @Column('varchar', { name: 'event_id', length: 128 }) eventId: string;
  @Column('varchar', { name: 'award_key', length: 300 }) awardKey: string;
  @Column('varchar', { length: 64 }) rule: string;
  @Column('integer', { name: 'rule_version' }) ruleVersion: number;
  @Column('varchar', { name: 'employee_id', length: 128, nullable: true }) employeeId: string | null;
  @Column('varchar', { name: 'team_id', length: 128, nullable: true }) teamId: string | null;
  @Column('integer') points: number;
  @Column('text') reason: string;
  /** The rule's code, and the numbers and names behind the reason as JSON (PRODUCT.md, "Reasons are data"). */
  @Column('varchar', { name: 'reason_code', length: 64, nullable: true }) reasonCode: string | null;
  @Column('text', { nullable: true }) params: string | null;
  @Column('varchar', { name: 'occurred_at', length: 30 }) occurredAt: string;
  @Column('varchar', { name: 'recorded_at', length: 30 }) recordedAt: string;
  @Column('integer', { name: 'reverses_id', nullable: true }) reversesId: number | null;
}

/** Projection: each client's name, as the latest event that named it (by occurredAt, then id) gave it. */
@Entity('clients')
export class ClientEntity {
  @PrimaryColumn('varchar', { length: 128 }) id: string;
  @Column('varchar', { length: 200 }) name: string;
  @Column('varchar', { name: 'named_at', length: 30 }) namedAt: string;
  @Column('varchar', { name: 'named_by', length: 128 }) namedBy: string;
}

/** Projection: the entry that currently stands for each award key (reversed awards are removed). */
@Entity('standing_awards')
@Index('idx_standing_awards_scope', ['scopeKey'])
export class StandingAwardEntity {
  @PrimaryColumn('varchar', { name: 'award_key', length: 300 }) awardKey: string;
  @Column('varchar', { name: 'scope_key', length: 300 }) scopeKey: string;
  @Column('integer', { name: 'entry_id' }) entryId: number;
}

/** Projection: running points per period and subject, updated in the ledger's transaction. */
@Entity('period_totals')
export class PeriodTotalEntity {
  @PrimaryColumn('varchar', { length: 8 }) period: string;
  @PrimaryColumn('varchar', { name: 'period_key', length: 10 }) periodKey: string;
  @PrimaryColumn('varchar', { name: 'subject_type', length: 8 }) subjectType: 'employee' | 'team';
  @PrimaryColumn('varchar', { name: 'subject_id', length: 128 }) subjectId: string;
  @Column('integer') points: number;
}
