import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrgModule } from '../org/org.module.js';
import { ConnectionsService } from './connections.service.js';
import { DeliveryWorker } from './delivery.worker.js';
import { HooksController } from './hooks.controller.js';
import { Inbox } from './inbox.js';
import { InboxReader } from './inbox.reader.js';
import { InboxRetention } from './inbox.retention.js';
import { IntegrationFacts } from './integration.facts.js';
import { IntegrationsController } from './integrations.controller.js';
import { DeliveryEntity, IntegrationEntity } from './integrations.entities.js';
import { IntegrationsRepository } from './integrations.repository.js';
import { SecretBox } from './secret-box.js';

/**
 * Connections to CRMs and telephony: their webhooks in (each in its own format, checked as the
 * system documents), an inbox that keeps every delivery, and events out through the ledger's one
 * write path. Parked deliveries score once the office maps their users and statuses.
 */
@Module({
  imports: [CoreModule, OrgModule, LedgerModule, TypeOrmModule.forFeature([IntegrationEntity, DeliveryEntity])],
  controllers: [IntegrationsController, HooksController],
  providers: [IntegrationsRepository, SecretBox, ConnectionsService, DeliveryWorker, Inbox, InboxReader, InboxRetention, IntegrationFacts],
  exports: [IntegrationFacts],
})
export class IntegrationsModule {}
