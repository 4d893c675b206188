import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const DATABASE_NAME = 'taskvault';
const USER = 'postgres';
const PASSWORD = 'taskvault-local';
const LEFTOVER_STOP_TIMEOUT_MS = 30_000;

/** What the keeper needs to create, start and reach the cluster whose files live in `<dataDir>/postgres`. */
export function embeddedClusterOptions(dataDir: string, port: number, log: (message: string) => void) {
  const databaseDir = join(dataDir, 'postgres');
  return {
    databaseDir,
    databaseName: DATABASE_NAME,
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`,
    initialised: async () => {
      await mkdir(dataDir, { recursive: true });
      return existsSync(join(databaseDir, 'PG_VERSION'));
    },
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    // PostgreSQL refuses to run as root; on such machines (containers, CI) a `postgres` system
    // user is created to run it.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process's command line: /proc on Linux, `ps` elsewhere. */
async function commandLineOf(pid: number): Promise<string> {
  const proc = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (proc !== undefined) return proc.replaceAll('\0', ' ');
  const { stdout } = await promisify(execFile)('ps', ['-o', 'command=', '-p', String(pid)]).catch(() => ({
    stdout: '',
  }));
  return stdout;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * A PostgreSQL still running on this data directory was left by an earlier run that could not
 * stop it (its keeper was killed too, say). It is stopped with a fast shutdown — committed data
 * is kept, open transactions roll back — so this run can own the directory. A `postmaster.pid`
 * naming a process that is not PostgreSQL (its pid was reused after a power cut) is stale and
 * removed; one naming no live process PostgreSQL clears itself.
 */
export async function stopLeftoverPostgres(databaseDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return;
  if (!(await commandLineOf(pid)).includes('postgres')) {
    log(`removing a stale ${pidFile} (process ${pid} is not PostgreSQL)`);
    await rm(pidFile, { force: true });
    return;
  }
  log(`stopping the PostgreSQL (pid ${pid}) that an earlier run left running on ${databaseDir}`);
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, LEFTOVER_STOP_TIMEOUT_MS)) return;
  // It did not finish its fast shutdown: an immediate one recovers from the WAL at the next start.
  process.kill(pid, 'SIGQUIT');
  await waitForExit(pid, LEFTOVER_STOP_TIMEOUT_MS);
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to walk down to its
 * data directory and its binaries. Directories on the way that deny others even traversal (a 0700
 * temp dir, say) get the search bit for others (o+x: enter by name, not list), and the change is
 * logged.
 */
export async function letPostgresUserReach(target: string, log: (message: string) => void): Promise<void> {
  await mkdir(target, { recursive: true });
  for (let dir = target; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, (mode & 0o7777) | 0o001);
      log(`gave others search permission (o+x) on ${dir} so the postgres user can reach it`);
    }
  }
}
