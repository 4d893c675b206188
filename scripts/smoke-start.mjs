#!/usr/bin/env node
// Proves the fresh-machine start and stop: `npm start` with no DATABASE_URL and an empty data
// directory serves the web app and the API on one port (embedded PostgreSQL), prints the URLs
// once; then SIGTERM, or SIGINT, sent to the start script's process alone (or SIGTERM to npm), as a
// process manager or `docker stop` does, leaves no process of its tree and no bound port.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dataDir = await mkdtemp(join(tmpdir(), 'taskvault-smoke-'));
const [apiPort, pgPort] = [await freePort(), await freePort()];
const base = `http://127.0.0.1:${apiPort}`;
const env = { ...process.env, PORT: String(apiPort), EMBEDDED_POSTGRES_PORT: String(pgPort), DATA_DIR: dataDir };
delete env.DATABASE_URL;
delete env.BETTER_AUTH_SECRET;

/** Every process's parent, read from /proc. */
function parents() {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return parentOf;
}

function treeOf(pid) {
  const parentOf = parents();
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, parent] of parentOf) {
      if (tree.has(parent) && !tree.has(child)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  return tree;
}

const commandOf = (pid) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
};
const alive = (pid) => commandOf(pid) !== '';
const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.destroy() || resolve(true));
    socket.once('error', () => resolve(false));
  });

async function until(what, condition, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function check(path, expectation, accept) {
  const response = await fetch(`${base}${path}`);
  const body = await response.text();
  if (!accept(response, body)) throw new Error(`${path}: expected ${expectation}, got ${response.status}`);
}

async function startAndStop(args, signal, target) {
  let output = '';
  const npm = spawn('npm', ['start', '--', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [npm.stdout, npm.stderr]) {
    stream.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
  }
  const npmExited = new Promise((resolve) => npm.once('exit', resolve));
  try {
    await until('the API is healthy', async () => {
      if (npm.exitCode !== null) throw new Error('npm start exited early');
      const response = await fetch(`${base}/api/health`).catch(() => undefined);
      return response?.ok && (await response.json()).status === 'ok';
    });
    await check('/', 'the web app', (r, body) => r.ok && body.includes('<div id="root">'));
    await check(
      '/tasks?status=open',
      'the web app at a deep link',
      (r, body) => r.ok && body.includes('<div id="root">'),
    );
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${base}/`)).text())?.[1];
    await check(asset, 'an immutable asset', (r) => r.ok && /immutable/.test(r.headers.get('cache-control') ?? ''));
    await check(
      '/api/no-such-route',
      'a problem+json 404',
      (r) => r.status === 404 && /problem\+json/.test(r.headers.get('content-type') ?? ''),
    );
    const printed = output.split('Taskvault is running').length - 1;
    if (printed !== 1) throw new Error(`the URLs were printed ${printed} times, not once`);

    // Everything that runs for this start, found before the stop so that nothing can hide.
    const tree = treeOf(npm.pid);
    const start = [...tree].find((pid) => /^\S*node (?:--\S+ )*scripts\/start\.mjs/.test(commandOf(pid)));
    const postgres = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    // The database's keeper runs in a process group of its own: add it, and PostgreSQL's tree.
    const keeper = parents().get(postgres);
    for (const pid of [keeper, ...treeOf(postgres)]) tree.add(pid);
    const receiver = target === 'npm' ? npm.pid : start;
    console.log(`smoke: ${tree.size} processes in the tree; sending ${signal} to ${target} (pid ${receiver}) alone`);
    process.kill(receiver, signal);
    await until('every process of the tree has exited', () => [...tree].every((pid) => !alive(pid)), 60_000);
    await until('no port is bound', async () => !(await portOpen(apiPort)) && !(await portOpen(pgPort)), 10_000);
    const code = await npmExited;
    if (code !== 0) throw new Error(`npm start exited with ${code} after ${signal}`);
    console.log(`smoke: after ${signal} to ${target}, no process left and ports ${apiPort} and ${pgPort} are free`);
  } catch (error) {
    npm.kill('SIGKILL');
    throw error;
  }
}

let ok = false;
try {
  await startAndStop([], 'SIGTERM', 'the start script');
  await startAndStop(['--no-build'], 'SIGINT', 'the start script');
  // What `docker stop` or a process manager does to `npm start`: npm passes it on.
  await startAndStop(['--no-build'], 'SIGTERM', 'npm');
  console.log('smoke: web app and API on one port; clean stop on SIGTERM and SIGINT');
  ok = true;
} catch (error) {
  console.error(`smoke: ${error.message}`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
