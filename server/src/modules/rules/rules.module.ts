import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { RuleBook } from './rule-book.js';
import { RuleVersionEntity } from './rule-version.entity.js';
import { RulesController } from './rules.controller.js';
import { RulesRepository } from './rules.repository.js';
import { RulesService } from './rules.service.js';

/** Rule versions with effective dates. Scoring reads them through `RuleBook`. */
@Module({
  imports: [CoreModule, TypeOrmModule.forFeature([RuleVersionEntity])],
  controllers: [RulesController],
  providers: [RulesRepository, RulesService, RuleBook],
  exports: [RuleBook],
})
export class RulesModule {}
