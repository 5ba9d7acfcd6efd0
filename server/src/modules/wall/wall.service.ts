import { Injectable } from '@nestjs/common';
import type { WallSettings } from '@conveyor/shared';
import { AppEvents } from '../../common/app-events.js';
import { Clock } from '../../common/clock.js';
import { Database } from '../../database/database.js';
import { WallSettingsStore } from '../settings/wall-settings.js';

/** The wall screens' settings: what they show, for how long, which payments they celebrate. */
@Injectable()
export class WallService {
  constructor(
    private readonly db: Database,
    private readonly store: WallSettingsStore,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  settings(): Promise<WallSettings> {
    return this.db.read((em) => this.store.get(em));
  }

  async setSettings(settings: WallSettings): Promise<WallSettings> {
    await this.db.write(async (em) => {
      await this.events.raise(em, 'office.changed', {}); // the big-payment amount is part of what ingest scores with
      await this.store.set(em, settings, this.clock.now().toISOString());
    });
    return settings;
  }
}
