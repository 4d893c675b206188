#!/usr/bin/env node
// How late reminders arrive: the time from a task's remindAt to its mail being accepted by an SMTP
// server, with the production build and the default settings (REMINDER_POLL_SECONDS, mail queue).
// `npm run bench:reminders` (DATABASE_URL, or a throwaway embedded PostgreSQL). Writes
// bench/results/reminders.md. The figure depends on the poll interval by design: a sweep every
// REMINDER_POLL_SECONDS on each instance.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, startThrowawayPostgres } from '../scripts/lib/embedded-server.mjs';
import { waitFor } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLES = Number(process.env.SAMPLES ?? 20);
const log = (message) => console.log(`[reminders] ${message}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function main() {
  const server = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
  const serverUrl = new URL(process.env.DATABASE_URL ?? server.url);
  const dbName = `taskvault_reminders_${Date.now()}`;
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  const { LocalMailbox } = await import('../api/dist/mail/local-mailbox.js');
  const mailbox = await new LocalMailbox({ smtpPort: 0 }).start();
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['api/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: 'reminder-latency-secret-that-is-long-enough-0123',
      API_PUBLIC_URL: api,
      LOG_LEVEL: 'warn',
      SMTP_URL: mailbox.smtpUrl,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${api}/api/health`);
    const email = `reminders-${Date.now()}@bench.test`;
    const signUp = await post(`${api}/api/auth/sign-up/email`, {
      name: 'Bench',
      email,
      password: 'reminder latency 1',
    });
    const token = await fetch(`${api}/api/auth/token`, { headers: { authorization: `Bearer ${signUp.body.token}` } });
    const auth = { authorization: `Bearer ${(await token.json()).token}` };
    // Reminders spread over the sweep interval, so the samples see every phase of it.
    const first = Date.now() + 3_000;
    const remindAts = Array.from({ length: SAMPLES }, (_, i) => new Date(first + i * 730));
    for (const [i, remindAt] of remindAts.entries()) {
      const created = await post(
        `${api}/api/tasks`,
        { title: `Reminder ${i}`, remindAt: remindAt.toISOString() },
        auth,
      );
      if (created.status !== 201) throw new Error(`create failed: ${created.status}`);
    }
    const deadline = Date.now() + remindAts.length * 730 + 60_000;
    while (mailbox.to(email).filter((mail) => mail.subject.startsWith('Reminder:')).length < SAMPLES) {
      if (Date.now() > deadline) throw new Error('not every reminder arrived');
      await sleep(100);
    }
    const latencies = mailbox
      .to(email)
      .filter((mail) => mail.subject.startsWith('Reminder:'))
      .map((mail) => Date.parse(mail.receivedAt) - remindAts[Number(/Reminder (\d+)/.exec(mail.subject)[1])].getTime());
    const figures = {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      max: Math.max(...latencies),
      min: Math.min(...latencies),
    };
    log(`${SAMPLES} reminders: p50 ${figures.p50} ms, p90 ${figures.p90} ms, max ${figures.max} ms`);
    await writeFile(
      join(root, 'bench/results/reminders.md'),
      `# Reminder latency\n\nMeasured ${new Date().toISOString()}: ${SAMPLES} reminders, production build, default ` +
        `REMINDER_POLL_SECONDS (5) and MAIL_POLL_SECONDS (2), one instance; from each task's remindAt to its mail ` +
        `accepted by an SMTP server on loopback. Command: \`npm run bench:reminders\`.\n\n` +
        `| | ms |\n| --- | ---: |\n| min | ${figures.min} |\n| p50 | ${figures.p50} |\n| p90 | ${figures.p90} |\n| max | ${figures.max} |\n`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await mailbox.stop();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
    await server?.stop();
  }
}

await main();
