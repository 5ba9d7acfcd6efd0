import { Injectable } from '@nestjs/common';
import { DEFAULT_WALL, WallSettingsSchema, type WallSettings } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { readSetting, writeSetting } from '../../database/settings.js';

const WALL_KEY = 'wall';

/** The wall screens' settings, kept with the office's other settings. */
@Injectable()
export class WallRepository {
  async settings(em: EntityManager): Promise<WallSettings> {
    const stored = await readSetting(em, WALL_KEY);
    const parsed = stored === undefined ? null : WallSettingsSchema.safeParse(stored);
    return parsed?.success ? parsed.data : DEFAULT_WALL;
  }

  async setSettings(em: EntityManager, settings: WallSettings, at: string): Promise<void> {
    await writeSetting(em, WALL_KEY, settings, at);
  }
}
