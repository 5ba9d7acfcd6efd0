import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IMPORT_COLUMNS, ImportQuerySchema, MAX_IMPORT_ERRORS_LISTED, type ImportReport } from '@conveyor/shared';
import type { Request, Response } from 'express';
import { Audit } from '../../common/access.js';
import { parseOrThrow } from '../../common/parse.js';
import { ImportService } from './import.service.js';
import { MAX_UPLOAD_BYTES } from './upload.js';

/** Managers only (no `@Access`): an import writes the ledger in bulk. */
@ApiTags('import')
@ApiBearerAuth()
@Controller('import')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @ApiOperation({
    summary: 'Import activity events from a CSV file (the body is the file itself)',
    description:
      `Columns: ${IMPORT_COLUMNS.join(', ')} (type and occurredAt required; case and spaces do not matter; Russian names too). ` +
      'UTF-8 (with or without BOM) or Windows-1251, delimiter ; or , (both detected). Dates: ISO-8601 with a zone, or the office wall clock ' +
      '(2026-11-03 14:05, 03.11.2026 14:05). Rows without an id get one derived from the row, so importing a file again stores nothing new. ' +
      `dryRun=true: 200 with counts and the first ${MAX_IMPORT_ERRORS_LISTED} bad rows, nothing stored. ` +
      'Otherwise 202 with the running report (poll GET /api/import/{id}); a file with bad rows is refused whole (422) unless skipBad=true. ' +
      `400 for a missing or unknown column, an unreadable encoding or an empty file; 409 while another import runs; 413 above ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
  })
  @ApiConsumes('text/csv', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ name: 'dryRun', enum: ['true', 'false'], required: false })
  @ApiQuery({ name: 'skipBad', enum: ['true', 'false'], required: false })
  @ApiResponse({ status: 200, description: 'dry run: the report, state "checked"' })
  @ApiResponse({ status: 202, description: 'the report, state "running"' })
  @Audit({
    action: 'import.run',
    target: () => null,
    after: (r) => {
      const { id, dryRun, state, rows, valid, errorCount } = r as ImportReport;
      return { id, dryRun, state, rows, valid, errorCount };
    },
  })
  async start(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Query() query: unknown): Promise<ImportReport> {
    const options = parseOrThrow(ImportQuerySchema, query);
    const report = await this.imports.start(req, options);
    res.status(options.dryRun ? 200 : 202);
    return report;
  }

  @Get(':id')
  @ApiOperation({
    summary: 'An import’s report: progress (processed of valid), imported, duplicates, bad rows; state running, done or failed',
  })
  report(@Param('id') id: string): Promise<ImportReport> {
    return this.imports.report(id);
  }
}
