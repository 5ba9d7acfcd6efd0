import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrgModule } from '../org/org.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { MeController } from './me.controller.js';
import { MeService } from './me.service.js';

/** An employee's own numbers, for the phone. Reads only. */
@Module({
  imports: [CoreModule, OrgModule, LedgerModule, RulesModule, StandingsModule, AnalyticsModule],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}
