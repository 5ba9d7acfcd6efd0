import { Module } from '@nestjs/common';

/** CSV backfill: POST /api/import. */
@Module({})
export class ImportModule {}
