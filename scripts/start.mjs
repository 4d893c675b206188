#!/usr/bin/env node
// `npm start`: builds the API and the web app, then runs the API in this very process. The API
// serves the web app and itself on one port (3000 unless PORT says otherwise), with an embedded
// PostgreSQL when DATABASE_URL is not set, and prints the URLs. SIGINT or SIGTERM — Ctrl-C, a
// process manager, `docker stop` — reaches the API itself: it finishes the requests in flight,
// stops the database and leaves no process or port behind.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

if (!process.argv.includes('--no-build')) {
  for (const project of ['api', 'web']) {
    const build = spawnSync('npm', ['run', '-w', project, 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      console.error(`Taskvault did not start: building ${project} failed (see above)`);
      process.exit(1);
    }
  }
}

await import(pathToFileURL(join(root, 'api/dist/main.js')).href);
