import { Injectable } from '@nestjs/common';
import type { GradeLadder } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { Database } from '../../database/database.js';
import { GradeBook } from './grade-book.js';

/** The grade ladder; changing it re-grades every active team in the current window at once. */
@Injectable()
export class GradesService {
  constructor(
    private readonly db: Database,
    private readonly book: GradeBook,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  ladder(): Promise<GradeLadder> {
    return this.book.ladder(this.db.manager);
  }

  async setLadder(ladder: GradeLadder): Promise<GradeLadder> {
    const now = this.clock.now().toISOString();
    await this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {});
      await this.book.setLadder(em, ladder, now);
      await this.events.raise(em, 'grades.ladderChanged', { ladder });
    });
    this.events.emit('org.changed', {}); // every team row shows its grade: refresh the boards
    return ladder;
  }
}
