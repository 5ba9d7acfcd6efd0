import { Injectable } from '@nestjs/common';
import { RewardInputSchema, type PeriodKind, type Reward } from '@conveyor/shared';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { Database } from '../../database/database.js';
import { PeriodsRepository } from './periods.repository.js';

type RewardFields = z.output<typeof RewardInputSchema>;

/** Reward definitions: one per period kind, board and place. Grants copy them when a period closes. */
@Injectable()
export class RewardsService {
  constructor(
    private readonly db: Database,
    private readonly periods: PeriodsRepository,
    private readonly clock: Clock,
  ) {}

  list(period?: PeriodKind): Promise<Reward[]> {
    return this.db.read((em) => this.periods.rewards(em, period));
  }

  create(input: RewardFields): Promise<Reward> {
    return this.save(null, input);
  }

  update(id: string, input: RewardFields): Promise<Reward> {
    return this.save(id, input);
  }

  async remove(id: string): Promise<void> {
    await this.db.write(async (em) => {
      if (!(await this.periods.reward(em, id))) throw DomainError.notFound('Reward', id);
      await this.periods.deleteReward(em, id);
    });
  }

  private save(id: string | null, input: RewardFields): Promise<Reward> {
    return this.db.write(async (em) => {
      const existing = id === null ? null : await this.periods.reward(em, id);
      if (id !== null && !existing) throw DomainError.notFound('Reward', id);
      const holder = await this.periods.rewardAt(em, input.period, input.board, input.place);
      if (holder && holder.id !== id) {
        throw new DomainError('conflict', 'That place already has a reward', [
          {
            index: 0,
            field: 'place',
            reason: `place ${input.place} on the ${input.board} board of each ${input.period} already has "${holder.title}" (${holder.id}); edit that one instead`,
          },
        ]).withCode('reward.place_taken');
      }
      const now = this.clock.now().toISOString();
      const reward: Reward = { id: id ?? randomUUID(), ...input, createdAt: existing?.createdAt ?? now, updatedAt: now };
      await this.periods.saveReward(em, reward);
      return reward;
    });
  }
}
