import { Injectable } from '@nestjs/common';
import { GradeLadderSchema, type GradeLadder } from '@conveyor/shared';
import { In, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/config.js';
import { defaultLadder } from '../../domain/grades/grades.js';
import { SettingsStore } from '../settings/settings.store.js';
import { TeamGradeEntity } from './grades.entities.js';

const LADDER_KEY = 'grade_ladder';

/** The grades room's door: the ladder, and the grade each team holds in a window (so each crossing is announced once). */
@Injectable()
export class GradeBook {
  private readonly fallback: GradeLadder;

  constructor(
    private readonly settings: SettingsStore,
    config: AppConfig,
  ) {
    // Until a manager sets one, the office's own language names the grades.
    this.fallback = defaultLadder(config.locale);
  }

  ladder(em: EntityManager): Promise<GradeLadder> {
    return this.settings.read(em, LADDER_KEY, GradeLadderSchema, this.fallback);
  }

  async setLadder(em: EntityManager, ladder: GradeLadder, at: string): Promise<void> {
    await this.settings.write(em, LADDER_KEY, ladder, at);
  }

  async held(em: EntityManager, teamIds: readonly string[], windowKey: string): Promise<Map<string, string | null>> {
    if (teamIds.length === 0) return new Map();
    const rows = await em.findBy(TeamGradeEntity, { teamId: In([...teamIds]), windowKey });
    return new Map(rows.map((r) => [r.teamId, r.grade]));
  }

  async hold(em: EntityManager, teamId: string, windowKey: string, grade: string | null, at: string): Promise<void> {
    await em.save(TeamGradeEntity, { teamId, windowKey, grade, updatedAt: at });
  }
}
