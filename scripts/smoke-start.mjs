#!/usr/bin/env node
// Proves the fresh-machine start: `npm start` with no DATABASE_URL and an empty data directory
// brings up the API (embedded PostgreSQL) and the web app, then stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = await mkdtemp(join(tmpdir(), 'taskvault-smoke-'));
const [apiPort, webPort, pgPort] = [await freePort(), await freePort(), await freePort()];
const env = {
  ...process.env,
  PORT: String(apiPort),
  WEB_PORT: String(webPort),
  EMBEDDED_POSTGRES_PORT: String(pgPort),
  DATA_DIR: dataDir,
};
delete env.DATABASE_URL;
delete env.BETTER_AUTH_SECRET;

const child = spawn('npm', ['start', '--', ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
  detached: true,
});
const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

async function poll(url, accept) {
  for (let attempt = 0; attempt < 720; attempt++) {
    if (child.exitCode !== null) throw new Error('npm start exited early');
    const response = await fetch(url).catch(() => undefined);
    if (response && (await accept(response))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url}`);
}

let ok = false;
try {
  await poll(`http://127.0.0.1:${apiPort}/api/health`, async (r) => r.ok && (await r.json()).status === 'ok');
  await poll(`http://127.0.0.1:${webPort}/`, async (r) => r.ok && (await r.text()).includes('<div id="root">'));
  await poll(`http://127.0.0.1:${webPort}/api/health`, async (r) => r.ok);
  console.log('smoke: API healthy, web app served, /api proxied');
  ok = true;
} catch (error) {
  console.error(`smoke: ${error.message}`);
} finally {
  process.kill(-child.pid, 'SIGTERM');
  const code = await exited;
  if (ok && code !== 0 && code !== null) console.error(`smoke: npm start exited with ${code}`);
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
