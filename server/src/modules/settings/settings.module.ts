import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SettingEntity } from './setting.entity.js';
import { SettingsStore } from './settings.store.js';
import { WallSettingsStore } from './wall-settings.js';

/** The office's settings table: each room keeps its own keys through the store. */
@Module({
  imports: [TypeOrmModule.forFeature([SettingEntity])],
  providers: [SettingsStore, WallSettingsStore],
  exports: [SettingsStore, WallSettingsStore],
})
export class SettingsModule {}
