import { Injectable } from '@nestjs/common';
import { DEFAULT_WALL, WallSettingsSchema, type WallSettings } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { SettingsStore } from './settings.store.js';

const WALL_KEY = 'wall';

/** The wall screens' settings; scoring reads the big-payment amount from them too. */
@Injectable()
export class WallSettingsStore {
  constructor(private readonly settings: SettingsStore) {}

  get(em: EntityManager): Promise<WallSettings> {
    return this.settings.read(em, WALL_KEY, WallSettingsSchema, DEFAULT_WALL);
  }

  async set(em: EntityManager, settings: WallSettings, at: string): Promise<void> {
    await this.settings.write(em, WALL_KEY, settings, at);
  }
}
