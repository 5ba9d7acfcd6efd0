import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A connection to a CRM or telephony system. Secrets and the webhook key are sealed (AES-GCM). */
@Entity('integrations')
export class IntegrationEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { length: 20 }) system: string;
  @Column('varchar', { length: 100 }) name: string;
  @Column('boolean') enabled: boolean;
  /** SHA-256 of the webhook key: how a delivery finds its connection. */
  @Column('varchar', { name: 'key_hash', length: 64 }) keyHash: string;
  @Column('text', { name: 'key_sealed' }) keySealed: string;
  /** The settings that are not secret, as JSON. */
  @Column('text') settings: string;
  @Column('text', { name: 'secrets_sealed' }) secretsSealed: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}

/** One delivery in the inbox, with the request as it came (for replays) and what became of it. */
@Entity('integration_deliveries')
export class DeliveryEntity {
  @PrimaryColumn('varchar', { length: 40 }) id: string;
  @Column('varchar', { name: 'integration_id', length: 36 }) integrationId: string;
  @Column('varchar', { name: 'received_at', length: 30 }) receivedAt: string;
  @Column('varchar', { name: 'occurred_at', length: 30, nullable: true }) occurredAt: string | null;
  @Column('varchar', { length: 10 }) status: string;
  @Column('varchar', { length: 30, nullable: true }) reason: string | null;
  @Column('text') params: string;
  @Column('text') unmapped: string;
  @Column('text', { name: 'event_ids' }) eventIds: string;
  @Column('text') summary: string;
  @Column('integer') attempts: number;
  @Column('varchar', { name: 'next_attempt_at', length: 30, nullable: true }) nextAttemptAt: string | null;
  @Column('text', { nullable: true }) request: string | null;
}
