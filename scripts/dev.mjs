#!/usr/bin/env node
// `npm run dev`: the API in watch mode (TypeScript recompiled on save, the process restarted) and
// Vite's dev server with hot reload on http://localhost:5173, proxying /api to the API. The API
// uses the embedded PostgreSQL unless DATABASE_URL is set. Ctrl-C or SIGTERM stops all of it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

const apiPort = process.env.PORT ?? '3000';
const webPort = process.env.WEB_PORT ?? '5173';
const env = {
  ...process.env,
  PORT: apiPort,
  API_PORT: apiPort,
  WEB_PORT: webPort,
  // The browser talks to Vite's origin, which proxies /api: Better Auth must trust it.
  WEB_ORIGINS: [process.env.WEB_ORIGINS, `http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`]
    .filter(Boolean)
    .join(','),
  // Vite serves the web app in development; the API serves only the API.
  SERVE_WEB_APP: 'false',
};

const tsc = join(root, 'node_modules/typescript/bin/tsc');
if (spawnSync(process.execPath, [tsc, '-p', 'api/tsconfig.build.json'], { cwd: root, stdio: 'inherit' }).status !== 0) {
  console.error('The API does not compile; fix the errors above and run `npm run dev` again.');
  process.exit(1);
}

const children = [
  spawn(process.execPath, [tsc, '-p', 'api/tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['--watch', 'api/dist/main.js'], { cwd: root, env, stdio: 'inherit' }),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js')], {
    cwd: join(root, 'web'),
    env,
    stdio: 'inherit',
  }),
];
console.log(
  `\n  Development: web app with hot reload at http://localhost:${webPort} (API on ${apiPort}). Ctrl-C stops.\n`,
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() =>
    process.exit(code),
  );
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(0));
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
