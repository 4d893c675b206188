import { resolveDataDir } from '../config/paths.js';
import { type EnvironmentVariables, validateEnvironment } from '../config/environment.js';
import { withLocalSecrets } from '../config/local-secrets.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { startLocalMailbox } from '../mail/start-local-mailbox.js';
import type { LocalMailbox } from '../mail/local-mailbox.js';

export interface PreparedEnvironment {
  environment: EnvironmentVariables & { DATABASE_URL: string };
  /** Set when the API runs its own PostgreSQL; stopped last on shutdown. */
  embeddedDatabase?: EmbeddedDatabase;
  /** Set when there is no SMTP_URL outside production: mail goes to this loopback mailbox. */
  localMailbox?: LocalMailbox;
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
  const validated = validateEnvironment(await withLocalSecrets(raw, dataDir, log));
  const localMailbox = validated.SMTP_URL ? undefined : await startLocalMailbox(validated, log);
  const environment = localMailbox ? { ...validated, SMTP_URL: localMailbox.smtpUrl } : validated;
  if (environment.DATABASE_URL) {
    return { environment: { ...environment, DATABASE_URL: environment.DATABASE_URL }, localMailbox };
  }
  try {
    const embeddedDatabase = await startEmbeddedPostgres(dataDir, environment.EMBEDDED_POSTGRES_PORT, log);
    log(`DATABASE_URL is not set: using the embedded PostgreSQL in ${dataDir}/postgres`);
    return {
      environment: { ...environment, DATABASE_URL: embeddedDatabase.url },
      embeddedDatabase,
      localMailbox,
    };
  } catch (error) {
    await localMailbox?.stop();
    throw error;
  }
}
