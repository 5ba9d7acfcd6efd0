import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { SettingEntity } from './setting.entity.js';

/** Office-wide settings by key, each a JSON value checked against its schema when read. */
@Injectable()
export class SettingsStore {
  /** The stored value, or `fallback` when it was never set (or no longer fits the schema). */
  async read<S extends z.ZodType>(em: EntityManager, key: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
    const row = await em.findOneBy(SettingEntity, { key });
    if (!row) return fallback;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  }

  async write(em: EntityManager, key: string, value: unknown, at: string): Promise<void> {
    await em.save(SettingEntity, { key, value: JSON.stringify(value), updatedAt: at });
  }
}
