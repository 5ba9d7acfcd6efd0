import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { GradesModule } from '../grades/grades.module.js';
import { MomentsModule } from '../moments/moments.module.js';
import { OrgModule } from '../org/org.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { Announcements } from './announcements.js';
import { ClientsController } from './clients.controller.js';
import { ClientsService } from './clients.service.js';
import { ScoringContextLoader } from './context.loader.js';
import { EventsController } from './events.controller.js';
import { EventsQueries } from './events.queries.js';
import { EventsService } from './events.service.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';
import { ClientEntity, EventEntity, LedgerEntryEntity, PeriodTotalEntity, StandingAwardEntity } from './ledger.entities.js';
import { LedgerPublisher } from './ledger.publisher.js';
import { LedgerQueries } from './ledger.queries.js';
import { LedgerReactions } from './ledger.reactions.js';
import { LedgerReader } from './ledger.reader.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerWriter } from './ledger.writer.js';
import { TargetBonuses } from './target-bonuses.js';
import { TargetsController } from './targets.controller.js';
import { TargetsRepository } from './targets.repository.js';
import { TargetsService } from './targets.service.js';
import { TeamTargetEntity } from './team-target.entity.js';
import { WritePath } from './write-path.js';

/**
 * Events in, points out: the write path and the tables only it writes (events, ledger entries,
 * standing awards, running totals, team targets). Other rooms read through `LedgerReader` and the
 * scoring context; they change the ledger only by raising facts it reacts to, or by sending events
 * through `IngestService` as any sender does (the CSV import).
 */
@Module({
  imports: [
    CoreModule,
    OrgModule,
    RulesModule,
    GradesModule,
    MomentsModule,
    SettingsModule,
    TypeOrmModule.forFeature([EventEntity, LedgerEntryEntity, StandingAwardEntity, PeriodTotalEntity, TeamTargetEntity, ClientEntity]),
  ],
  controllers: [IngestController, EventsController, ClientsController, TargetsController],
  providers: [
    LedgerRepository,
    LedgerQueries,
    TargetsRepository,
    ScoringContextLoader,
    LedgerWriter,
    TargetBonuses,
    Announcements,
    LedgerPublisher,
    WritePath,
    IngestService,
    LedgerReactions,
    LedgerReader,
    ClientsService,
    TargetsService,
    EventsQueries,
    EventsService,
  ],
  exports: [LedgerReader, ScoringContextLoader, IngestService],
})
export class LedgerModule {}
