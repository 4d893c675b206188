// Plain ESM: Jest loads global setup outside its module mapper, so this file imports no app code.
import { startThrowawayPostgres } from '../../../scripts/lib/embedded-server.mjs';

/**
 * Tests need a PostgreSQL server: the one named by DATABASE_URL when set (CI, developers with a
 * local server), otherwise an embedded one started for this run. Each test file then creates its
 * own database on that server (see test-database.ts).
 */
export default async function globalSetup() {
  process.env.BETTER_AUTH_SECRET ??= 'test-secret-that-is-long-enough-for-validation-0123456789';
  if (process.env.DATABASE_URL) return;
  const server = await startThrowawayPostgres();
  process.env.DATABASE_URL = server.url;
  globalThis.embeddedTestDatabase = server;
}
