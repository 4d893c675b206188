#!/usr/bin/env node
// A/B of two builds of the API by CPU time per answer, for measuring one change on a shared,
// noisy machine where req/s moves with other load: both builds run side by side on one database,
// alternating runs of the same wrk load; each run divides the serving process's CPU time
// (/proc/<pid>/stat utime + stime) by the answers wrk counted. Usage:
//   cp -r api/dist /tmp/dist-before   # the build to compare against
//   npm run -w api build && node bench/ab.mjs --a=/tmp/dist-before --b=api/dist [--routes=list,create,create-keyed,401,429]
//     [--rounds=4] [--duration=5s]
// A dist outside api/ needs api/node_modules reachable: pass a directory under api/ (e.g. api/dist-before).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { waitFor } from './lib.mjs';
import { freePort } from '../scripts/lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const builds = { a: resolve(arg('a', 'api/dist-before')), b: resolve(arg('b', 'api/dist')) };
// Node options per build, e.g. --b-node-args=--max-semi-space-size=32 (space-separated).
const nodeArgs = {
  a: arg('a-node-args', '').split(' ').filter(Boolean),
  b: arg('b-node-args', '').split(' ').filter(Boolean),
};
const routes = arg('routes', 'list,create,401,429').split(',');
const ROUNDS = Number(arg('rounds', '4'));
const DURATION = arg('duration', '5s');
const SECRET = 'benchmark-secret-that-is-long-enough-0123456789';
const WRITERS = 8;
const log = (message) => console.log(`[ab] ${message}`);
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

async function cpuMicros(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}
async function memoryMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function wrk(url, { headers = {}, script, env = {} } = {}) {
  const args = ['-t1', '-c32', `-d${DURATION}`];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (script) args.push('-s', script);
  args.push(url);
  const result = spawnSync('wrk', args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`);
  return {
    total: Number(/(\d+) requests in/.exec(result.stdout)[1]),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(result.stdout)?.[1] ?? 0),
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(result.stdout)[1]),
  };
}

async function json(url, init) {
  const response = await fetch(url, init).catch(() =>
    fetch(url, { ...init, headers: { ...init?.headers, connection: 'close' } }),
  );
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function main() {
  const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dbName = `perf2_ab_${Date.now()}`;
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  const logDir = await mkdtemp(join(tmpdir(), 'ab-logs-'));
  const { LocalMailbox } = await import('../api/dist/mail/local-mailbox.js');
  const mailbox = await new LocalMailbox({ smtpPort: 0 }).start();
  const children = [];
  const client = new pg.Client({ connectionString: databaseUrl });
  const issuerPort = await freePort();
  const issuer = `http://127.0.0.1:${issuerPort}`;
  const start = async (build, port, extra = {}) => {
    const dist = builds[build];
    const out = openSync(join(logDir, `api-${port}.log`), 'a');
    const child = spawn(process.execPath, [...nodeArgs[build], join(dist, 'main.js')], {
      cwd: root,
      stdio: ['ignore', out, 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        BETTER_AUTH_SECRET: SECRET,
        // One issuer for every process, so a JWT minted by one is accepted by all.
        API_PUBLIC_URL: issuer,
        LOG_LEVEL: 'info',
        SMTP_URL: mailbox.smtpUrl,
        BCRYPT_COST: '4',
        API_RATE_LIMIT: '1000000000',
        AUTH_IP_LIMIT: '1000000',
        SIGN_IN_IP_LIMIT: '1000000',
        SIGN_UP_IP_LIMIT: '1000000',
        ...extra,
      },
    });
    closeSync(out);
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/api/health`);
    return { url, pid: child.pid };
  };
  try {
    // The first process migrates the database alone; the others start on it once it is ready.
    const servers = { a: await start('a', issuerPort) };
    servers.b = await start('b', await freePort());
    const api = servers.a.url;
    await client.connect();
    const signUp = async (email) => {
      const credentials = { email, password: 'benchmark password' };
      const headers = { 'content-type': 'application/json' };
      const body = JSON.stringify({ name: 'Bench', ...credentials });
      await json(`${api}/api/auth/sign-up/email`, { method: 'POST', headers, body });
      const signIn = await json(`${api}/api/auth/sign-in/email`, {
        method: 'POST',
        headers,
        body: JSON.stringify(credentials),
      });
      return { userId: signIn.body.user.id, session: signIn.body.token };
    };
    const jwtFor = async (user) =>
      (await json(`${api}/api/auth/token`, { headers: { authorization: `Bearer ${user.session}` } })).body.token;
    const me = await signUp('ab-main@bench.test');
    const writers = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await signUp(`ab-writer-${i}@bench.test`));
    const limited = await signUp('ab-limited@bench.test');
    await client.query(`insert into task (owner_id, title) select $1, 'Warm-up ' || g from generate_series(1, 200) g`, [
      me.userId,
    ]);
    await client.query('analyze task');
    const limitedServers = routes.includes('429')
      ? {
          a: await start('a', await freePort(), { API_RATE_LIMIT: '1', API_RATE_WINDOW_SECONDS: '3600' }),
          b: await start('b', await freePort(), { API_RATE_LIMIT: '1', API_RATE_WINDOW_SECONDS: '3600' }),
        }
      : undefined;
    const writersFile = join(logDir, 'writers.txt');
    /** `env()` per run: a keyed run needs keys no earlier run used. */
    const createScenario = (env) => ({
      expect: 201,
      before: () => client.query('delete from task where owner_id = any($1::uuid[])', [writers.map((w) => w.userId)]),
      run: (base) =>
        wrk(`${base}/api/tasks`, {
          script: join(root, 'bench/post-task.lua'),
          env: { TOKENS_FILE: writersFile, ...env() },
        }),
    });
    const scenarios = {
      list: {
        expect: 200,
        run: (base, t) => wrk(`${base}/api/tasks?limit=20`, { headers: { Authorization: `Bearer ${t.jwt}` } }),
      },
      create: createScenario(() => ({})),
      // Each request with an Idempotency-Key of its own (a build without the feature ignores it).
      'create-keyed': createScenario(() => ({ IDEMPOTENCY_KEY_PREFIX: `ab-${randomUUID()}-` })),
      401: { expect: 401, run: (base) => wrk(`${base}/api/tasks?limit=20`) },
      429: {
        expect: 429,
        limited: true,
        run: (base, t) => wrk(`${base}/api/tasks?limit=20`, { headers: { Authorization: `Bearer ${t.limitedJwt}` } }),
      },
    };
    const cpu = {};
    for (let round = 0; round <= ROUNDS; round++) {
      // Round 0 warms both builds up (JIT, pools, prepared statements) and is not counted.
      const tokens = { jwt: await jwtFor(me), limitedJwt: await jwtFor(limited) };
      const writerJwts = [];
      for (const w of writers) writerJwts.push(await jwtFor(w));
      await writeFile(writersFile, `${writerJwts.join('\n')}\n`);
      const order = round % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
      for (const route of routes) {
        const scenario = scenarios[route];
        for (const build of order) {
          const server = scenario.limited ? limitedServers[build] : servers[build];
          await scenario.before?.();
          const before = await cpuMicros(server.pid);
          const result = scenario.run(server.url, tokens);
          const perRequest = ((await cpuMicros(server.pid)) - before) / result.total;
          const wrong = scenario.expect >= 400 ? result.total - result.non2xx > 1 : result.non2xx > 0;
          if (wrong)
            throw new Error(
              `${build} ${route}: ${result.non2xx} of ${result.total} not the expected ${scenario.expect}`,
            );
          if (round > 0) (cpu[route] ??= { a: [], b: [] })[build].push(perRequest);
          log(
            `round ${round}${round ? '' : ' (warm-up)'} ${build} ${route}: ${result.rps.toFixed(0)} req/s, ${perRequest.toFixed(0)} µs CPU/request`,
          );
        }
      }
    }
    for (const [route, { a, b }] of Object.entries(cpu))
      log(
        `${route}: A ${median(a).toFixed(0)} µs (${a.map((x) => x.toFixed(0)).join(', ')}), B ${median(b).toFixed(0)} µs (${b.map((x) => x.toFixed(0)).join(', ')}), B/A ${(median(b) / median(a)).toFixed(2)}`,
      );
    for (const build of ['a', 'b']) {
      const m = await memoryMiB(servers[build].pid);
      log(`${build}: RSS ${m.rss.toFixed(0)} MiB, peak ${m.peak.toFixed(0)} MiB`);
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))),
    );
    await client.end().catch(() => undefined);
    await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined);
    await admin.end();
    await mailbox.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
