import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end journeys in Debian's Chromium against the real API and database, as production runs
 * them: the API serves the built web app on its own origin. Three instances run: the normal one,
 * one whose JWTs live 4 seconds (to prove the board survives expiry), and one that requires a
 * verified email address.
 */
const databaseUrl = process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('Set E2E_DATABASE_URL (npm test does) to run the end-to-end tests');

/** A port free right now. Chosen once, in the runner, and passed to workers through the environment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
for (const name of [
  'E2E_API_PORT',
  'E2E_SHORT_API_PORT',
  'E2E_REQUIRED_API_PORT',
  'E2E_SMTP_PORT',
  'E2E_MAILBOX_PORT',
]) {
  process.env[name] ??= String(await freePort());
}
export const API_PORT = Number(process.env.E2E_API_PORT);
export const SHORT_API_PORT = Number(process.env.E2E_SHORT_API_PORT);
/** An instance with EMAIL_VERIFICATION=required: signing in waits for a verified address. */
export const REQUIRED_API_PORT = Number(process.env.E2E_REQUIRED_API_PORT);
/** The loopback mailbox that e2e/mailbox.setup.ts starts: its SMTP port (for the APIs) and its page. */
export const MAILBOX_SMTP_PORT = Number(process.env.E2E_SMTP_PORT);
export const MAILBOX_WEB_PORT = Number(process.env.E2E_MAILBOX_PORT);
/**
 * The main instance's reminder clock runs ahead of the real one by the milliseconds in this file
 * (REMINDER_CLOCK_OFFSET_FILE): a test writes into it instead of waiting for a reminder to come due.
 */
export const REMINDER_CLOCK_FILE = join(tmpdir(), `taskvault-e2e-reminder-clock-${API_PORT}`);

const api = (port: number, extra: Record<string, string> = {}) => ({
  command: 'node ../api/dist/main.js',
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: {
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: 'e2e-secret-that-is-long-enough-for-validation-0123',
    API_PUBLIC_URL: `http://localhost:${port}`,
    BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
    SIGN_UP_IP_LIMIT: '10000',
    SIGN_IN_IP_LIMIT: '10000',
    AUTH_IP_LIMIT: '100000',
    API_RATE_LIMIT: '100000',
    SMTP_URL: `smtp://127.0.0.1:${MAILBOX_SMTP_PORT}`,
    MAIL_POLL_SECONDS: '0.5',
    MAIL_RETRY_DELAY_SECONDS: '1',
    // The webhooks journey's receiver listens on 127.0.0.1. Every instance: they share the database,
    // and whichever claims a delivery sends it. New deliveries leave on NOTIFY, retries on this poll.
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    WEBHOOK_POLL_SECONDS: '0.5',
    ...extra,
  },
});

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/mailbox.setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  outputDir: './test-results',
  use: {
    baseURL: `http://localhost:${API_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    trace: 'retain-on-failure',
  },
  webServer: [
    api(API_PORT, {
      REMINDER_CLOCK_OFFSET_FILE: REMINDER_CLOCK_FILE,
      REMINDER_POLL_SECONDS: '0.5',
    }),
    api(SHORT_API_PORT, { JWT_TTL_SECONDS: '4' }),
    api(REQUIRED_API_PORT, { EMAIL_VERIFICATION: 'required' }),
  ],
});
