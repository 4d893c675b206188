import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg Pool under TypeORM's data source. Better Auth and the rate limiter share it, so one
 * instance holds one pool of connections, closed once on shutdown.
 */
export function postgresPool(dataSource: DataSource): pg.Pool {
  const driver = dataSource.driver as unknown as { master?: pg.Pool };
  if (!driver.master) throw new Error('The TypeORM data source is not initialised');
  return driver.master;
}
