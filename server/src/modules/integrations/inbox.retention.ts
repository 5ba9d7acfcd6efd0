import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { IntegrationsRepository } from './integrations.repository.js';

const SWEEP_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The inbox keeps deliveries `INBOX_RETENTION_DAYS` (90 by default) after they were received; older ones are forgotten hourly. */
@Injectable()
export class InboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(InboxRetention.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly repo: IntegrationsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Forgets deliveries older than the retention; answers how many. */
  async sweep(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.inboxRetentionDays * DAY_MS).toISOString();
    try {
      return await this.db.write((em) => this.repo.purgeBefore(em, before));
    } catch (error) {
      this.log.error(`inbox retention sweep failed: ${String(error)}`);
      return 0;
    }
  }
}
