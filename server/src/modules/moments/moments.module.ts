import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { OrgModule } from '../org/org.module.js';
import { MomentEntity } from './moment.entity.js';
import { MomentsRepository } from './moments.repository.js';
import { MomentsService } from './moments.service.js';

/** Grade changes, targets reached, periods closed, new clients, renewals and big payments, numbered for live clients. */
@Module({
  imports: [CoreModule, OrgModule, TypeOrmModule.forFeature([MomentEntity])],
  providers: [MomentsRepository, MomentsService],
  exports: [MomentsService],
})
export class MomentsModule {}
