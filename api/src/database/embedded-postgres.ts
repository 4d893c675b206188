import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const SUPERVISOR = fileURLToPath(new URL('./embedded-postgres-supervisor.js', import.meta.url));

type SupervisorMessage =
  { type: 'ready'; url: string } | { type: 'failed'; message: string } | { type: 'log'; message: string };

/**
 * Starts (creating on first use) a PostgreSQL cluster whose files live in `<dataDir>/postgres`,
 * so every user and task survives a restart. Listens on 127.0.0.1 only. The cluster is run by a
 * keeper process (embedded-postgres-supervisor) that stops it as soon as this process is gone,
 * however it ends; `stop()` asks for that stop and waits for it.
 */
export function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: string) => void,
): Promise<EmbeddedDatabase> {
  const keeper = fork(SUPERVISOR, [], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // Only the keeper's own flags and environment: the API's (--watch, --cpu-prof…) are not for it.
    execArgv: [],
    env: withoutWatchReporting(process.env),
  });
  const exited = new Promise<void>((resolve) => keeper.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    keeper.on('message', (message: SupervisorMessage) => {
      if (message?.type === 'log') log(message.message);
      else if (message?.type === 'failed') reject(new Error(message.message));
      else if (message?.type === 'ready') resolve({ url: message.url, stop: () => stopKeeper(keeper, exited) });
    });
    keeper.once('exit', (code) => reject(new Error(`the embedded PostgreSQL's keeper exited (${code ?? 'signal'})`)));
    keeper.once('error', reject);
    keeper.send({ dataDir, port });
  });
}

async function stopKeeper(keeper: ChildProcess, exited: Promise<void>): Promise<void> {
  if (keeper.connected) keeper.disconnect();
  await exited;
}

/** Under `node --watch` a process reports its imports over IPC; the keeper's would reach the API. */
function withoutWatchReporting(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { WATCH_REPORT_DEPENDENCIES: _reporting, ...rest } = env;
  return rest;
}
