import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, signIn, jwtFor } from '../support/auth-fixtures.js';
import { freePort } from '../support/free-port.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startApi(env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(baseUrl: string, started: Started, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`API exited early:\n${started.output()}`);
    const ok = await request(baseUrl)
      .get('/api/health')
      .then(
        (r) => r.status === 200,
        () => false,
      );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`API did not become healthy:\n${started.output()}`);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits for a condition, failing with `what` when it still does not hold at the deadline. */
async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

const childrenOf = (pid: number) =>
  execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);

/** Every task of the user, page by page. */
async function allTaskIds(baseUrl: string, jwt: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: request.Response = await request(baseUrl)
      .get('/api/tasks')
      .query({ limit: 100, ...(cursor ? { cursor } : {}) })
      .set('Authorization', `Bearer ${jwt}`)
      .expect(200);
    for (const task of page.body.items as Array<{ id: string }>) ids.add(task.id);
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
}

describe('starting the API process', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('api/dist/main.js is missing: run `npm -w api run build` first');
  });

  it('fails fast, naming the variable, when the secret is too short', async () => {
    const started = startApi({
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: 'too-short',
      DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/BETTER_AUTH_SECRET must be at least 32 characters/);
    expect(started.output()).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses to start in production without a secret instead of generating one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'taskvault-prod-'));
    const started = startApi({ NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@127.0.0.1:1/x' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/BETTER_AUTH_SECRET/);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start in production without SMTP_URL, which password reset and verification need', async () => {
    const started = startApi({
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
    });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/SMTP_URL: must be set in production/);
    expect(started.output()).not.toMatch(/at .*\.js:\d+/);
  });

  it('names a malformed DATABASE_URL', async () => {
    const started = startApi({ BETTER_AUTH_SECRET: 'x'.repeat(40), DATABASE_URL: 'mysql://root@localhost/db' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/DATABASE_URL must be a postgres:\/\/ connection URL/);
  });

  describe('with no DATABASE_URL (embedded PostgreSQL)', () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'taskvault-embedded-'));
    });
    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('keeps users and the generated secret across a restart, and stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      const env = {
        NODE_ENV: 'development',
        PORT: String(port),
        DATA_DIR: dataDir,
        EMBEDDED_POSTGRES_PORT: String(await freePort()),
        BCRYPT_COST: '4',
        LOG_LEVEL: 'warn',
      };
      const baseUrl = `http://127.0.0.1:${port}`;
      const credentials = { email: 'restart@example.test', password: 'survives-a-restart' };

      const first = startApi(env);
      await waitForHealth(baseUrl, first);
      expect(first.output()).toMatch(/generated one and stored it/);
      await request(baseUrl)
        .post('/api/auth/sign-up/email')
        .send({ name: 'Restart', ...credentials })
        .expect(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const secret = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')).BETTER_AUTH_SECRET;
      expect(secret.length).toBeGreaterThanOrEqual(32);

      const second = startApi(env);
      await waitForHealth(baseUrl, second);
      expect(second.output()).not.toMatch(/generated one and stored it/);
      const signIn = await request(baseUrl).post('/api/auth/sign-in/email').send(credentials);
      expect(signIn.status).toBe(200);
      // The JWT signing key was encrypted with the stored secret: it still decrypts.
      await request(baseUrl).get('/api/auth/token').set('Authorization', `Bearer ${signIn.body.token}`).expect(200);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 180_000);

    async function embeddedEnv() {
      const port = await freePort();
      return {
        baseUrl: `http://127.0.0.1:${port}`,
        env: {
          NODE_ENV: 'development',
          PORT: String(port),
          DATA_DIR: dataDir,
          EMBEDDED_POSTGRES_PORT: String(await freePort()),
          BCRYPT_COST: '4',
          LOG_LEVEL: 'warn',
        },
      };
    }

    it('survives a kill -9 of the API: its PostgreSQL stops with it, the next start is healthy, no acknowledged write is lost', async () => {
      const { baseUrl, env } = await embeddedEnv();
      const first = startApi(env);
      await waitForHealth(baseUrl, first);
      const user = await createUser(baseUrl);
      const database = await postmasterPid(dataDir);

      // Eight clients write until the process dies under them; only 201s count as acknowledged.
      const acknowledged = new Set<string>();
      let killed = false;
      const writer = async () => {
        while (!killed) {
          const response = await fetch(`${baseUrl}/api/tasks`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${user.jwt}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ title: 'written before the crash' }),
          }).catch(() => undefined);
          if (response?.status === 201) acknowledged.add(((await response.json()) as { id: string }).id);
        }
      };
      const writers = Array.from({ length: 8 }, writer);
      await eventually('100 writes acknowledged', () => acknowledged.size >= 100, 60_000);
      first.child.kill('SIGKILL');
      await first.exited;
      killed = true;
      await Promise.all(writers);

      await eventually('the embedded PostgreSQL stopped after its owner died', () => !isAlive(database));

      const second = startApi(env);
      await waitForHealth(baseUrl, second);
      const jwt = await jwtFor(baseUrl, await signIn(baseUrl, user.email, user.password));
      const stored = await allTaskIds(baseUrl, jwt);
      expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }, 180_000);

    it('stops a PostgreSQL that a killed run left behind on its data directory, then starts normally', async () => {
      const { baseUrl, env } = await embeddedEnv();
      const first = startApi(env);
      await waitForHealth(baseUrl, first);
      const orphan = await postmasterPid(dataDir);
      // The API and the keeper both die at once (kill -9 of both): nothing is left to stop it.
      for (const pid of [first.child.pid!, ...childrenOf(first.child.pid!)]) process.kill(pid, 'SIGKILL');
      await first.exited;
      expect(isAlive(orphan)).toBe(true);

      const second = startApi(env);
      await waitForHealth(baseUrl, second);
      expect(isAlive(orphan)).toBe(false);
      expect(second.output()).not.toMatch(/failed to start|\n\s+at /);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      await eventually('no PostgreSQL left on the data directory', async () => {
        const pid = await postmasterPid(dataDir).catch(() => 0);
        return pid === 0 || !isAlive(pid);
      });
    }, 180_000);

    it('answers a port already taken with one clear line and no stack trace', async () => {
      const { env } = await embeddedEnv();
      const blocker = (await import('node:net')).createServer().listen(Number(env.EMBEDDED_POSTGRES_PORT), '127.0.0.1');
      await new Promise((resolve) => blocker.once('listening', resolve));
      try {
        const started = startApi(env);
        expect(await started.exited).toBe(1);
        const lines = started.output().trim().split('\n');
        expect(lines.at(-1)).toMatch(/^Taskvault API failed to start: embedded PostgreSQL did not start on port \d+/);
        expect(started.output()).not.toMatch(/\n\s+at /);
      } finally {
        blocker.close();
      }
    }, 60_000);
  });
});
