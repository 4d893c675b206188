#!/usr/bin/env node
// The one test command: `npm test`. Builds what the tests start, then runs every suite —
// API (Jest: unit, integration, security), web (Vitest), end-to-end (Playwright in Chromium) —
// against DATABASE_URL's server when set, else a throwaway embedded PostgreSQL. Ends with
// "N passed, M failed" added up over every suite.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startThrowawayPostgres } from './lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, '.test-reports');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts from Jest's and Vitest's JSON reports (the same shape). */
async function jestLikeCounts(file) {
  const report = await readJson(file);
  if (!report) return undefined;
  const failedSuites = (report.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).length === 0,
  ).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + failedSuites };
}

async function playwrightCounts(file) {
  const report = await readJson(file);
  if (!report?.stats) return undefined;
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

const suites = [
  {
    name: 'api',
    select: (name) => !name || name === 'api',
    run: (file) =>
      run('npm', [
        'run',
        '-w',
        'api',
        'test',
        '--',
        '--testPathIgnorePatterns',
        'test/security',
        '--json',
        `--outputFile=${file}`,
      ]),
    counts: jestLikeCounts,
  },
  {
    name: 'security',
    select: (name) => !name || name === 'security',
    run: (file) => run('npm', ['run', '-w', 'api', 'test', '--', 'test/security', '--json', `--outputFile=${file}`]),
    counts: jestLikeCounts,
    optional: () => !existsSync(join(root, 'api/test/security')),
  },
  {
    name: 'web',
    select: (name) => !name || name === 'web',
    run: (file) => run('npm', ['run', '-w', 'web', 'test'], { VITEST_JSON: file }),
    counts: jestLikeCounts,
    optional: () =>
      !existsSync(join(root, 'web/package.json')) ||
      !JSON.parse(readFileSyncSafe(join(root, 'web/package.json'))).scripts?.test,
  },
  {
    name: 'e2e',
    select: (name) => !name || name === 'e2e',
    run: (file) =>
      withDatabase('e2e', (url) =>
        run('npm', ['run', '-w', 'web', 'test:e2e'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file, E2E_DATABASE_URL: url }),
      ),
    counts: playwrightCounts,
    optional: () => !JSON.parse(readFileSyncSafe(join(root, 'web/package.json'))).scripts?.['test:e2e'],
  },
];

/** A fresh database on the run's server for one suite, dropped afterwards. */
async function withDatabase(label, body) {
  const server = new URL(process.env.DATABASE_URL);
  const name = `taskvault_${label}_${Date.now()}`;
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(server), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  try {
    return await body(Object.assign(new URL(server), { pathname: `/${name}` }).toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end();
  }
}

function readFileSyncSafe(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '{}';
  }
}

async function main() {
  await rm(reports, { recursive: true, force: true });
  await mkdir(reports, { recursive: true });

  const builds = only === 'security' || only === 'api' ? ['api'] : ['api', 'web'];
  for (const project of builds) {
    if (project === 'web' && !existsSync(join(root, 'web/vite.config.ts'))) continue;
    const code = await run('npm', ['run', '-w', project, 'build']);
    if (code !== 0) {
      console.log(`build of ${project} failed`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }

  let database;
  if (!process.env.DATABASE_URL) {
    database = await startThrowawayPostgres();
    process.env.DATABASE_URL = database.url;
    console.log('DATABASE_URL is not set: the tests use a throwaway embedded PostgreSQL');
  }

  const totals = { passed: 0, failed: 0 };
  const lines = [];
  try {
    for (const suite of suites) {
      if (!suite.select(only) || suite.optional?.()) continue;
      const file = join(reports, `${suite.name}.json`);
      const exitCode = await suite.run(file);
      const counts = (await suite.counts(file)) ?? { passed: 0, failed: 1 };
      // A runner that failed without reporting a failed test (crash, setup error) still fails.
      if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed`);
    }
  } finally {
    await database?.stop();
  }
  console.log(`\n${lines.join('\n')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
