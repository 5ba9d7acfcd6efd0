import { Module } from '@nestjs/common';
import { AppEvents } from '../common/app-events.js';
import { Clock } from '../common/clock.js';
import { AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import { OfficeTime } from './office-time.js';
import { RedisLink } from './redis.js';

/** What main.ts resolved at boot: the validated configuration and the clock the app runs on. */
export interface Boot {
  config: AppConfig;
  clock: Clock;
}

let boot: Boot | null = null;

/** Hands the boot values to the core; called once before Nest builds the modules. */
export function bootWith(values: Boot): void {
  if (boot && (boot.config !== values.config || boot.clock !== values.clock))
    throw new Error('the app is already booted with other values');
  boot = values;
}

function booted(): Boot {
  if (!boot) throw new Error('bootWith() must run before the app module is built');
  return boot;
}

/**
 * What every room needs: configuration, the clock, the in-process bus and the database door. A
 * static module is one instance for every room that imports it (no global module is needed), so
 * the clock a test moves and the bus rooms talk on are the same everywhere.
 */
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => booted().config },
    { provide: Clock, useFactory: () => booted().clock },
    AppEvents,
    Database,
    OfficeTime,
    RedisLink,
  ],
  exports: [AppConfig, Clock, AppEvents, Database, OfficeTime, RedisLink],
})
export class CoreModule {}
