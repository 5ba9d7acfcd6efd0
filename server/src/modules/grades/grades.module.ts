import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { SettingsModule } from '../settings/settings.module.js';
import { GradeBook } from './grade-book.js';
import { GradesController } from './grades.controller.js';
import { TeamGradeEntity } from './grades.entities.js';
import { GradesService } from './grades.service.js';

/** The grade ladder and the grades teams hold. Others read them through `GradeBook`. */
@Module({
  imports: [CoreModule, SettingsModule, TypeOrmModule.forFeature([TeamGradeEntity])],
  controllers: [GradesController],
  providers: [GradeBook, GradesService],
  exports: [GradeBook],
})
export class GradesModule {}
