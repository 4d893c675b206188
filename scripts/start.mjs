#!/usr/bin/env node
// `npm start`: builds and starts the whole product — the API (with an embedded PostgreSQL when
// DATABASE_URL is not set) and the web app (Vite's preview server, proxying /api to the API) —
// then prints the URLs. Ctrl-C or SIGTERM stops both cleanly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

const apiPort = Number(process.env.PORT ?? 3000);
const webPort = Number(process.env.WEB_PORT ?? 5173);
const env = {
  ...process.env,
  PORT: String(apiPort),
  API_PORT: String(apiPort),
  WEB_PORT: String(webPort),
  API_PUBLIC_URL: process.env.API_PUBLIC_URL ?? `http://localhost:${apiPort}`,
  WEB_ORIGINS: process.env.WEB_ORIGINS ?? `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
};
const children = new Set();

function run(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function exited(child) {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code ?? 1)),
  );
}

async function waitForHealth(url, api) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (api.exitCode !== null) throw new Error('the API exited while starting');
    const healthy = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not answer ${url}`);
}

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all([...children].map(exited));
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function main() {
  if (!process.argv.includes('--no-build')) {
    for (const project of ['api', 'web']) {
      const code = await exited(run('npm', ['run', '-w', project, 'build', '--silent']));
      if (code !== 0) throw new Error(`building ${project} failed`);
    }
  }
  const api = run(process.execPath, [join(root, 'api/dist/main.js')]);
  api.on('exit', (code) => void stop(code ?? 1));
  await waitForHealth(`http://127.0.0.1:${apiPort}/api/health`, api);
  const web = run('npx', ['vite', 'preview', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'], {
    cwd: join(root, 'web'),
  });
  web.on('exit', (code) => void stop(code ?? 1));
  console.log(`
  Taskvault is running:
    Web app      http://localhost:${webPort}
    API          http://localhost:${apiPort}/api
    API explorer http://localhost:${apiPort}/api/docs
    Health       http://localhost:${apiPort}/api/health
  Press Ctrl-C to stop.
`);
}

main().catch(async (error) => {
  console.error(`Taskvault did not start: ${error.message}`);
  await stop(1);
});
