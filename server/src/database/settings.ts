import type { EntityManager } from 'typeorm';
import { SettingEntity } from '../modules/grades/grades.entities.js';

/** An office-wide setting's stored JSON value, or undefined when it was never set. */
export async function readSetting(em: EntityManager, key: string): Promise<unknown> {
  const row = await em.findOneBy(SettingEntity, { key });
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function writeSetting(em: EntityManager, key: string, value: unknown, at: string): Promise<void> {
  await em.save(SettingEntity, { key, value: JSON.stringify(value), updatedAt: at });
}
