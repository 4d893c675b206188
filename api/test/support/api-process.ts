import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { LocalMailbox } from '../../src/mail/local-mailbox.js';
import { freePort } from './free-port.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ApiProcess {
  baseUrl: string;
  /** The loopback SMTP server this process sends to (unless the caller gave an SMTP_URL). */
  mailbox?: LocalMailbox;
  output(): string;
  /**
   * Resolves once the output so far satisfies `condition`, checked as each chunk arrives (lines
   * are written after their answer is sent); fails after `timeoutMs` with the output.
   */
  waitForOutput(condition: (output: string) => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<number | null>;
}

/** Starts the compiled API as its own process, as production runs it, and waits for health. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error('api/dist/main.js is missing: run `npm -w api run build` first');
  const port = await freePort();
  // Production needs SMTP_URL: a real SMTP server on loopback, in this test process.
  const mailbox = env.SMTP_URL ? undefined : await new LocalMailbox().start();
  let output = '';
  const outputListeners = new Set<() => void>();
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      BCRYPT_COST: '4',
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? '',
      ...(mailbox ? { SMTP_URL: mailbox.smtpUrl } : {}),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    output += chunk;
    for (const listener of outputListeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await mailbox?.stop();
      throw new Error(`API process exited:\n${output}`);
    }
    if (
      await request(baseUrl)
        .get('/api/health')
        .then(
          (r) => r.status === 200,
          () => false,
        )
    )
      break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      await mailbox?.stop();
      throw new Error(`API process did not become healthy:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    mailbox,
    output: () => output,
    waitForOutput: (condition, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!condition(output)) return;
          settle();
          resolve();
        };
        const timer = setTimeout(() => {
          settle();
          reject(new Error(`the API's output did not show what was awaited within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const settle = () => {
          clearTimeout(timer);
          outputListeners.delete(check);
        };
        outputListeners.add(check);
        check();
      }),
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      await mailbox?.stop();
      return code;
    },
  };
}
