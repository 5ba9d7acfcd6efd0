import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Clock, SystemClock } from './common/clock.js';
import { ErrorFilter } from './common/error.filter.js';
import { AppConfig } from './config/config.js';
import { bootWith } from './core/core.module.js';
import { databaseModule } from './database/data-source.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { GradesModule } from './modules/grades/grades.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { ImportModule } from './modules/import/import.module.js';
import { IntegrationsModule } from './modules/integrations/integrations.module.js';
import { LedgerModule } from './modules/ledger/ledger.module.js';
import { LiveModule } from './modules/live/live.module.js';
import { MeModule } from './modules/me/me.module.js';
import { OnboardingModule } from './modules/onboarding/onboarding.module.js';
import { AnalyticsModule } from './modules/analytics/analytics.module.js';
import { OrgModule } from './modules/org/org.module.js';
import { PeriodsModule } from './modules/periods/periods.module.js';
import { RulesModule } from './modules/rules/rules.module.js';
import { StandingsModule } from './modules/standings/standings.module.js';
import { WallModule } from './modules/wall/wall.module.js';

/** The house: the database connection, every room, and the one filter that turns errors into answers. */
@Module({})
export class AppModule {
  static register(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    bootWith({ config, clock });
    return {
      module: AppModule,
      imports: [
        databaseModule(config),
        AuthModule,
        OrgModule,
        RulesModule,
        GradesModule,
        LedgerModule,
        StandingsModule,
        MeModule,
        AnalyticsModule,
        IntegrationsModule,
        ImportModule,
        PeriodsModule,
        WallModule,
        OnboardingModule,
        LiveModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
