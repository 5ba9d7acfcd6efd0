import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrgModule } from '../org/org.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { FunnelClientEntity, FunnelCountEntity } from './analytics.entities.js';
import { FunnelCounters } from './funnel.counters.js';
import { FunnelReports } from './funnel.reports.js';
import { FunnelRepository } from './funnel.repository.js';
import { FunnelTrail } from './funnel.trail.js';

/**
 * The funnel that finds the weak link: counters kept as events are written and voided (in the
 * writer's transaction, through the facts the ledger raises), the reports read from them, and the
 * fair-play signals. Managers only; `FunnelReports` is the door the phone's /me reads through.
 */
@Module({
  imports: [CoreModule, OrgModule, LedgerModule, SettingsModule, TypeOrmModule.forFeature([FunnelCountEntity, FunnelClientEntity])],
  controllers: [AnalyticsController],
  providers: [FunnelRepository, FunnelCounters, FunnelReports, FunnelTrail],
  exports: [FunnelReports],
})
export class AnalyticsModule {}
