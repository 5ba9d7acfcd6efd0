import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { OrgController } from './org.controller.js';
import { OrgDirectory } from './org.directory.js';
import { EmployeeEntity, ExternalIdEntity, MembershipEntity, TeamEntity } from './org.entities.js';
import { OrgRepository } from './org.repository.js';
import { OrgService } from './org.service.js';
import { PhotosController } from './photos.controller.js';
import { PhotosRepository } from './photos.repository.js';
import { PhotosService } from './photos.service.js';

/** People, teams, their photos, and who was in which team when. Other rooms read it through `OrgDirectory`. */
@Module({
  imports: [CoreModule, TypeOrmModule.forFeature([EmployeeEntity, ExternalIdEntity, TeamEntity, MembershipEntity])],
  controllers: [OrgController, PhotosController],
  providers: [OrgRepository, OrgService, OrgDirectory, PhotosRepository, PhotosService],
  exports: [OrgDirectory],
})
export class OrgModule {}
