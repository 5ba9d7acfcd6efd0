import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { GradesModule } from '../grades/grades.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { MomentsModule } from '../moments/moments.module.js';
import { OrgModule } from '../org/org.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { StandingsModule } from '../standings/standings.module.js';
import { DevClockController } from './dev-clock.controller.js';
import { EarnedGrades } from './earned-grades.js';
import { PeriodCloser } from './period-closer.js';
import { PeriodFreezer } from './period-freezer.js';
import { PeriodsAdmin } from './periods.admin.js';
import { PeriodsController } from './periods.controller.js';
import { EarnedGradeEntity, PeriodResultEntity, PostponementEntity, RewardEntity, RewardGrantEntity } from './periods.entities.js';
import { PeriodsReader } from './periods.reader.js';
import { PeriodsRepository } from './periods.repository.js';
import { RewardsService } from './rewards.service.js';

/** Months, quarters and years: rewards, closing exactly once, frozen results, grants and grades earned. */
@Module({
  imports: [
    CoreModule,
    SettingsModule,
    OrgModule,
    GradesModule,
    MomentsModule,
    LedgerModule,
    StandingsModule,
    TypeOrmModule.forFeature([RewardEntity, PeriodResultEntity, RewardGrantEntity, EarnedGradeEntity, PostponementEntity]),
  ],
  controllers: [PeriodsController, DevClockController],
  providers: [PeriodsRepository, PeriodsReader, EarnedGrades, PeriodFreezer, PeriodCloser, PeriodsAdmin, RewardsService],
})
export class PeriodsModule {}
