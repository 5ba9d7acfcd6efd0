import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/config.js';
import { CoreModule } from '../../core/core.module.js';
import { RedisLink } from '../../core/redis.js';
import { AuthModule } from '../auth/auth.module.js';
import { MomentsModule } from '../moments/moments.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { LIVE_BUS, LocalLiveBus, type LiveBus } from './live-bus.js';
import { LiveGateway } from './live.gateway.js';
import { LiveHub } from './live.hub.js';
import { StandingsController } from './standings.controller.js';

/** The `/live` socket and the REST standings stamped with its versions: it listens to the bus and sends what changed. */
@Module({
  imports: [CoreModule, AuthModule, StandingsModule, MomentsModule],
  controllers: [StandingsController],
  providers: [
    {
      // REDIS_URL: several instances share broadcasts and room versions through Redis (its code is loaded only then).
      provide: LIVE_BUS,
      inject: [AppConfig, RedisLink],
      useFactory: async (config: AppConfig, redis: RedisLink): Promise<LiveBus> =>
        config.redisUrl ? (await import('./redis-live-bus.js')).RedisLiveBus.open(config.redisUrl, redis) : new LocalLiveBus(),
    },
    LiveHub,
    LiveGateway,
  ],
})
export class LiveModule {}
