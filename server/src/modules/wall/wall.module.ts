import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrgModule } from '../org/org.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { WallController } from './wall.controller.js';
import { TodayRaceService } from './today-race.service.js';
import { WallService } from './wall.service.js';

/** The wall screens' settings and the boards only the wall shows (most improved, today's race to the norm). */
@Module({
  imports: [CoreModule, SettingsModule, StandingsModule, OrgModule, LedgerModule, RulesModule],
  controllers: [WallController],
  providers: [WallService, TodayRaceService],
})
export class WallModule {}
