import type { INestApplication } from '@nestjs/common';
import type { EmbeddedDatabase } from '../database/embedded-postgres.js';
import type { LocalMailbox } from '../mail/local-mailbox.js';
import { startupLog } from './startup-report.js';

/**
 * On SIGTERM/SIGINT: stop accepting connections and let in-flight requests finish (app.close),
 * which also closes the database pool, then stop the embedded PostgreSQL, then exit.
 */
export function closeGracefullyOnSignals(
  app: INestApplication,
  embeddedDatabase?: EmbeddedDatabase,
  localMailbox?: LocalMailbox,
): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    startupLog(`${signal}: shutting down (finishing requests in flight, then stopping the database)`);
    const forceExit = setTimeout(() => process.exit(1), 15_000);
    forceExit.unref();
    try {
      await app.close();
      await embeddedDatabase?.stop();
      await localMailbox?.stop();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`shutdown failed: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', (signal) => void close(signal));
  process.once('SIGINT', (signal) => void close(signal));
}
