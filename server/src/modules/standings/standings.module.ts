import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { GradesModule } from '../grades/grades.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrgModule } from '../org/org.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { RulePreviewController } from './rule-preview.controller.js';
import { RulePreviewService } from './rule-preview.service.js';
import { StandingsService } from './standings.service.js';

/** Ranked boards read from the running totals and the roster; rule previews replayed beside them. Reads only. */
@Module({
  imports: [CoreModule, LedgerModule, OrgModule, GradesModule, RulesModule],
  controllers: [RulePreviewController],
  providers: [StandingsService, RulePreviewService],
  exports: [StandingsService],
})
export class StandingsModule {}
