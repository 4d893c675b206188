import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
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
  });
});
