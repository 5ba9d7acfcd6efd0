import pg from 'pg';
import sqlite3 from 'sqlite3';
import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseLog } from './database-log.js';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema.js';
import { RuleVersions1764100000000 } from './migrations/1764100000000-rule-versions.js';
import { TeamTargets1764200000000 } from './migrations/1764200000000-team-targets.js';
import { Grades1764300000000 } from './migrations/1764300000000-grades.js';
import { Periods1764400000000 } from './migrations/1764400000000-periods.js';
import { Access1764500000000 } from './migrations/1764500000000-access.js';
import { ExternalIds1764600000000 } from './migrations/1764600000000-external-ids.js';
import { ReasonsAsData1764700000000 } from './migrations/1764700000000-reasons-as-data.js';
import { Funnel1764800000000 } from './migrations/1764800000000-funnel.js';
import { Integrations1764900000000 } from './migrations/1764900000000-integrations.js';
import { InboxCounts1765000000000 } from './migrations/1765000000000-inbox-counts.js';
import { Photos1766200000000 } from './migrations/1766200000000-photos.js';
import { MoneyDoubles1766300000000 } from './migrations/1766300000000-money-doubles.js';
import { CacheStamps1766420000000 } from './migrations/1766420000000-cache-stamps.js';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  RuleVersions1764100000000,
  TeamTargets1764200000000,
  Grades1764300000000,
  Periods1764400000000,
  Access1764500000000,
  ExternalIds1764600000000,
  ReasonsAsData1764700000000,
  Funnel1764800000000,
  Integrations1764900000000,
  InboxCounts1765000000000,
  Photos1766200000000,
  MoneyDoubles1766300000000,
  CacheStamps1766420000000,
];

/** Where the data lives: PostgreSQL when a URL is given (it wins), else the embedded SQLite file. */
export interface DatabaseTarget {
  databaseUrl: string | null;
  databasePath: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
}

/** The database connection as a Nest module, on the engine the configuration names. */
export function databaseModule(target: DatabaseTarget): DynamicModule {
  return target.databaseUrl ? postgresModule(target.databaseUrl) : sqliteModule(target.databasePath, target.sqliteSynchronous);
}

/** PostgreSQL at `url`: the same migrations, run at start; a pool shared by the reads, writes go one at a time. */
export function postgresModule(url: string): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => postgresOptions(url),
    dataSourceFactory: async (options) => {
      // Counts and sums come back as int8/numeric, which pg hands over as strings; the app's numbers
      // (points, amounts, counts) stay far below 2^53, so they are read as numbers on both engines.
      pg.types.setTypeParser(pg.types.builtins.INT8, Number);
      pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);
      return new DataSource(options!).initialize();
    },
  });
}

export function postgresOptions(url: string): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url,
    autoLoadEntities: true,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    logger: new DatabaseLog(),
    // Start fails at once with the reason (main.ts names the URL); no silent retry loop.
    retryAttempts: 0,
    connectTimeoutMS: 5000,
    extra: { max: 10, application_name: 'conveyor' },
  };
}

/** The database connection as a Nest module: SQLite at `databasePath`, with its per-connection pragmas. */
export function sqliteModule(databasePath: string, synchronous: 'FULL' | 'NORMAL'): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => sqliteOptions(databasePath),
    dataSourceFactory: async (options) => {
      const ds = await new DataSource(options!).initialize();
      for (const pragma of sqlitePragmas(synchronous)) await ds.query(pragma);
      return ds;
    },
  });
}

/** SQLite through the `sqlite3` driver; migrations run at start, never `synchronize`. */
export function sqliteOptions(databasePath: string): TypeOrmModuleOptions {
  return {
    type: 'sqlite',
    database: databasePath,
    // TypeORM calls sqlite3.verbose(), which captures a stack trace and inspects the SQL and
    // parameters of every call: 8-12 % of the main thread under load (docs/benchmarks.md).
    driver: Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 }),
    // Each room registers its own entities (TypeOrmModule.forFeature); none is listed here.
    autoLoadEntities: true,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    logging: ['error'],
    logger: new DatabaseLog(),
  };
}

/** Per-connection settings: the busy timeout and how durable a commit is. */
export function sqlitePragmas(synchronous: 'FULL' | 'NORMAL'): string[] {
  return ['PRAGMA busy_timeout = 5000', `PRAGMA synchronous = ${synchronous}`, 'PRAGMA foreign_keys = ON'];
}
