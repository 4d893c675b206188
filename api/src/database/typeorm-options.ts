import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

export const DATABASE_POOL_SIZE = 10;

/** One definition for the app, the CLI data source and the tests: migrations, never synchronize. */
export function typeOrmOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: DATABASE_POOL_SIZE,
    applicationName: 'taskvault-api',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  };
}
