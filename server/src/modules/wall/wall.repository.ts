import { Injectable } from '@nestjs/common';
import { DEFAULT_WALL, WallSettingsSchema, type WallSettings } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { SettingEntity } from '../grades/grades.entities.js';

const WALL_KEY = 'wall';

/** The wall screens' settings, kept with the office's other settings. */
@Injectable()
export class WallRepository {
  async settings(em: EntityManager): Promise<WallSettings> {
    const row = await em.findOneBy(SettingEntity, { key: WALL_KEY });
    const parsed = row ? WallSettingsSchema.safeParse(JSON.parse(row.value)) : null;
    return parsed?.success ? parsed.data : DEFAULT_WALL;
  }

  async setSettings(em: EntityManager, settings: WallSettings, at: string): Promise<void> {
    await em.save(SettingEntity, { key: WALL_KEY, value: JSON.stringify(settings), updatedAt: at });
  }
}
