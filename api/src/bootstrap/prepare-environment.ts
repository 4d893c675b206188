import { resolveDataDir } from '../config/paths.js';
import { type EnvironmentVariables, validateEnvironment } from '../config/environment.js';
import { withLocalSecrets } from '../config/local-secrets.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';

export interface PreparedEnvironment {
  environment: EnvironmentVariables & { DATABASE_URL: string };
  /** Set when the API runs its own PostgreSQL; stopped last on shutdown. */
  embeddedDatabase?: EmbeddedDatabase;
}

/**
 * What must exist before Nest starts: a valid environment (with a local secret generated outside
 * production) and a database URL (DATABASE_URL, or an embedded PostgreSQL under DATA_DIR).
 */
export async function prepareEnvironment(
  raw: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<PreparedEnvironment> {
  const dataDir = resolveDataDir(raw.DATA_DIR);
  const environment = validateEnvironment(await withLocalSecrets(raw, dataDir, log));
  if (environment.DATABASE_URL) {
    return { environment: { ...environment, DATABASE_URL: environment.DATABASE_URL } };
  }
  const embeddedDatabase = await startEmbeddedPostgres(dataDir, environment.EMBEDDED_POSTGRES_PORT, log);
  log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}/postgres`);
  return {
    environment: { ...environment, DATABASE_URL: embeddedDatabase.url },
    embeddedDatabase,
  };
}
