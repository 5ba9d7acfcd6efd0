import { Module } from '@nestjs/common';
import { CoreModule } from '../../core/core.module.js';
import { LedgerModule } from '../ledger/ledger.module.js';
import { OrgModule } from '../org/org.module.js';
import { ImportChecker } from './import.checker.js';
import { ImportController } from './import.controller.js';
import { ImportReports } from './import.reports.js';
import { ImportRunner } from './import.runner.js';
import { ImportService } from './import.service.js';

/**
 * CSV backfill: POST /api/import and GET /api/import/{id}. Events go through the ledger's door
 * (IngestService) like any sender's; people are read through the org's. Reports live in memory.
 */
@Module({
  imports: [CoreModule, OrgModule, LedgerModule],
  controllers: [ImportController],
  providers: [ImportChecker, ImportRunner, ImportReports, ImportService],
})
export class ImportModule {}
