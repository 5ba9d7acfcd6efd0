import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { MomentsModule } from '../moments/moments.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { LiveGateway } from './live.gateway.js';
import { LiveHub } from './live.hub.js';
import { StandingsController } from './standings.controller.js';

/** The `/live` socket and the REST standings stamped with its versions: it listens to the bus and sends what changed. */
@Module({
  imports: [CoreModule, AuthModule, StandingsModule, MomentsModule],
  controllers: [StandingsController],
  providers: [LiveHub, LiveGateway],
})
export class LiveModule {}
