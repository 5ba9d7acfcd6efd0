import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppEvents } from './common/app-events.js';
import { Clock, SystemClock } from './common/clock.js';
import { ErrorFilter } from './common/error.filter.js';
import { AppConfig } from './config/config.js';
import { Database } from './database/database.js';
import { sqliteOptions, sqlitePragmas } from './database/data-source.js';
import { AuthGuard } from './modules/auth/auth.guard.js';
import { AccessAdminController, AuthController } from './modules/auth/access.controller.js';
import { AccessRepository } from './modules/auth/access.repository.js';
import { AccessService } from './modules/auth/access.service.js';
import { AuditInterceptor } from './modules/auth/audit.js';
import { MeController } from './modules/standings/me.controller.js';
import { MeService } from './modules/standings/me.service.js';
import { HealthController } from './modules/health/health.controller.js';
import { ClientsController } from './modules/ledger/clients.controller.js';
import { ClientsService } from './modules/ledger/clients.service.js';
import { IngestController } from './modules/ledger/ingest.controller.js';
import { IngestService } from './modules/ledger/ingest.service.js';
import { LedgerRepository } from './modules/ledger/ledger.repository.js';
import { ScoringService } from './modules/ledger/scoring.service.js';
import { LiveGateway } from './modules/live/live.gateway.js';
import { LiveHub } from './modules/live/live.hub.js';
import { OrgController } from './modules/org/org.controller.js';
import { OrgRepository } from './modules/org/org.repository.js';
import { OrgService } from './modules/org/org.service.js';
import { StandingsController } from './modules/standings/standings.controller.js';
import { StandingsService } from './modules/standings/standings.service.js';
import { RulesController } from './modules/rules/rules.controller.js';
import { RulesRepository } from './modules/rules/rules.repository.js';
import { RulesService } from './modules/rules/rules.service.js';
import { TargetsController } from './modules/targets/targets.controller.js';
import { TargetsRepository } from './modules/targets/targets.repository.js';
import { GradesController } from './modules/grades/grades.controller.js';
import { GradesRepository } from './modules/grades/grades.repository.js';
import { GradesService } from './modules/grades/grades.service.js';
import { TargetsService } from './modules/targets/targets.service.js';
import { MomentsRepository } from './modules/live/moments.repository.js';
import { DevClockController } from './modules/periods/dev-clock.controller.js';
import { PeriodsController } from './modules/periods/periods.controller.js';
import { PeriodsRepository } from './modules/periods/periods.repository.js';
import { PeriodsService } from './modules/periods/periods.service.js';
import { RewardsService } from './modules/periods/rewards.service.js';
import { WallController } from './modules/wall/wall.controller.js';
import { WallRepository } from './modules/wall/wall.repository.js';

/** Configuration, clock, in-process events, the database door and the repositories: shared by every module. */
@Global()
@Module({})
class CoreModule {
  static register(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => sqliteOptions(config.databasePath),
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            for (const pragma of sqlitePragmas(config.sqliteSynchronous)) await ds.query(pragma);
            return ds;
          },
        }),
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Clock, useValue: clock },
        AppEvents,
        Database,
        OrgRepository,
        LedgerRepository,
        RulesRepository,
        TargetsRepository,
        GradesRepository,
        MomentsRepository,
        PeriodsRepository,
        AccessRepository,
        AccessService,
        WallRepository,
      ],
      exports: [
        AppConfig,
        Clock,
        AppEvents,
        Database,
        OrgRepository,
        LedgerRepository,
        RulesRepository,
        TargetsRepository,
        GradesRepository,
        MomentsRepository,
        PeriodsRepository,
        AccessRepository,
        AccessService,
        WallRepository,
      ],
    };
  }
}

@Module({
  controllers: [IngestController, StandingsController, ClientsController],
  providers: [ScoringService, IngestService, StandingsService, ClientsService, LiveHub, LiveGateway],
  exports: [ScoringService, StandingsService],
})
class LedgerModule {}

@Module({ imports: [LedgerModule], controllers: [OrgController], providers: [OrgService] })
class OrgModule {}

@Module({
  imports: [LedgerModule],
  controllers: [RulesController, TargetsController, GradesController],
  providers: [RulesService, TargetsService, GradesService],
})
class RulesModule {}

@Module({ imports: [LedgerModule], controllers: [PeriodsController, DevClockController], providers: [PeriodsService, RewardsService] })
class PeriodsModule {}

@Module({
  imports: [LedgerModule],
  controllers: [AuthController, AccessAdminController, MeController, WallController],
  providers: [MeService],
})
class AccessModule {}

@Module({})
export class AppModule {
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.register(config, clock), LedgerModule, OrgModule, RulesModule, PeriodsModule, AccessModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
      ],
    };
  }
}
