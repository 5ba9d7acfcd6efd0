import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { WallController } from './wall.controller.js';
import { WallService } from './wall.service.js';

/** The wall screens' settings and the boards only the wall shows (most improved). */
@Module({
  imports: [CoreModule, SettingsModule, StandingsModule],
  controllers: [WallController],
  providers: [WallService],
})
export class WallModule {}
