import { Injectable } from '@nestjs/common';
import { GradeLadderSchema, type GradeLadder } from '@conveyor/shared';
import { In, type EntityManager } from 'typeorm';
import { DEFAULT_LADDER } from '../../domain/grades/grades.js';
import { readSetting, writeSetting } from '../../database/settings.js';
import { TeamGradeEntity } from './grades.entities.js';

const LADDER_KEY = 'grade_ladder';

/** All database access for the grade ladder and the grades teams hold. */
@Injectable()
export class GradesRepository {
  async ladder(em: EntityManager): Promise<GradeLadder> {
    const stored = await readSetting(em, LADDER_KEY);
    return stored === undefined ? DEFAULT_LADDER : GradeLadderSchema.parse(stored);
  }

  async setLadder(em: EntityManager, ladder: GradeLadder, at: string): Promise<void> {
    await writeSetting(em, LADDER_KEY, ladder, at);
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
