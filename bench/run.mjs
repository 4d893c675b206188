#!/usr/bin/env node
// `npm run bench`: measures the API against the bare limit (baseline-server.mjs: node:http + pg +
// jose doing the same work) on the same database, alternating in rounds, with wrk as the load
// generator in its own process (one thread, so the server keeps a core). Also: sign-in against
// one bcrypt compare, list latency at scale (10,000 users, 1,000,000 tasks), page 1 vs page 500
// of a 100,000-task user, and the API's peak RSS. Writes bench/results/latest.md.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import bcrypt from 'bcrypt';
import { symmetricDecrypt } from 'better-auth/crypto';
import { importJWK, SignJWT } from 'jose';
import pg from 'pg';
import { waitFor } from './lib.mjs';
import { freePort, startThrowawayPostgres } from '../scripts/lib/embedded-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
// Only the API-vs-baseline rounds (no sign-in, scale or profiles): for measuring one change.
const compareOnly = process.argv.includes('--compare-only');
// Only the scale section (10,000 users, 1,000,000 tasks): for measuring a change to it.
const scaleOnly = process.argv.includes('--scale-only');
// Only the routes whose name contains this text (e.g. --only=POST).
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const WRITERS = 8;
const DURATION = quick ? '3s' : '8s';
const ROUNDS = quick ? 1 : 3;
const WARM_UP = quick ? '1s' : '3s';
const SIGN_IN_PAIRS = quick ? 5 : 21;
const CONNECTIONS = 32;
const PROFILE = !process.argv.includes('--no-profile');
const SCALE = quick
  ? { users: 1_000, tasks: 100_000, bigUser: 20_000 }
  : { users: 10_000, tasks: 1_000_000, bigUser: 100_000 };
const SECRET = 'benchmark-secret-that-is-long-enough-0123456789';
const AUDIENCE = 'taskvault-api';
const BCRYPT_COST = 12;
// The API runs as \`npm start\` runs it: with the node options of the root start script.
const API_NODE_FLAGS = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  .scripts.start.split(/\s+/)
  .filter((word) => word.startsWith('--'));

const log = (message) => console.log(`[bench] ${message}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

/** A server process; its stdout (request logs at info) goes to a file, as in production. */
function startProcess(args, env, logFile) {
  const out = logFile ? openSync(logFile, 'a') : 'inherit';
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit'],
  });
  if (logFile) closeSync(out);
  return child;
}

/** A created task's fields whose values are each server's own. */
const OWN_VALUES = new Set(['id', 'createdAt', 'updatedAt']);

/**
 * The baseline must answer what the API answers, or the ratio compares two different jobs: the
 * same list page, body for body, and a created task with the same fields and values (the ids and
 * times are each server's own).
 */
async function expectSameAnswers(api, baseline, tokens, client, writerIds) {
  const page = async (base) =>
    (await json(`${base}/api/tasks?limit=20`, { headers: { authorization: `Bearer ${tokens.jwt}` } })).body;
  const [apiPage, basePage] = [await page(api), await page(baseline)];
  if (JSON.stringify(apiPage) !== JSON.stringify(basePage))
    throw new Error('The baseline answers GET /api/tasks?limit=20 with another body than the API');
  const created = async (base, key) =>
    (
      await json(`${base}/api/tasks`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.writerJwt}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify({ title: 'Same answer', priority: 'high', tags: ['bench', 'bench'] }),
      })
    ).body;
  // Every field in the same order, and the same value but for each server's own id and times.
  const comparable = (task) =>
    JSON.stringify(Object.entries(task).map(([key, value]) => (OWN_VALUES.has(key) ? [key] : [key, value])));
  for (const key of [undefined, `same-${randomUUID()}`]) {
    const [fromApi, fromBaseline] = [await created(api, key), await created(baseline, key && `${key}-b`)];
    if (comparable(fromApi) !== comparable(fromBaseline))
      throw new Error(
        `The baseline answers POST /api/tasks${key ? ' with an Idempotency-Key' : ''} with another body than the API`,
      );
  }
  await client.query('delete from "task" where "owner_id" = any($1::uuid[])', [writerIds]);
  log('the baseline answers the same bodies as the API');
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** CPU time (user + system) a process has used so far, in microseconds. */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
async function cpuMicros(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
}

/** Peak resident set (VmHWM) of a process, in MiB. */
async function peakRssMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

function toMs(value, unit) {
  return Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
}

/** One wrk run: requests per second and latency percentiles (ms). */
function wrk(url, { headers = {}, script, env = {}, duration = DURATION } = {}) {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${duration}`, '--latency'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (script) args.push('-s', script);
  args.push(url);
  const result = spawnSync('wrk', args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.error || result.status !== 0)
    throw new Error(`wrk failed (${result.error?.message ?? result.stderr}); install it: apt-get install wrk`);
  const out = result.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const latency = (p) => {
    const match = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return match ? toMs(match[1], match[2]) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const total = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: (.*)/.exec(out)?.[1];
  return { rps, p50: latency(50), p99: latency(99), non2xx, total, socketErrors };
}

async function json(url, init) {
  // A keep-alive socket the server closed while wrk ran may be reused once: retry on a fresh one.
  const response = await fetch(url, init).catch(() =>
    fetch(url, { ...init, headers: { ...init?.headers, connection: 'close' } }),
  );
  return { status: response.status, body: await response.json().catch(() => undefined), headers: response.headers };
}

async function signUpAndToken(api, email, password) {
  await json(`${api}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench', email, password }),
  });
  const signIn = await json(`${api}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  return {
    userId: signIn.body.user.id,
    sessionToken: signIn.body.token,
    jwt: await sessionJwt(api, signIn.body.token),
  };
}

/** A fresh JWT for a signed-in session (no password check: a full run outlives one JWT). */
async function sessionJwt(api, sessionToken) {
  const token = await json(`${api}/api/auth/token`, { headers: { authorization: `Bearer ${sessionToken}` } });
  if (token.status !== 200) throw new Error(`/api/auth/token answered ${token.status}`);
  return token.body.token;
}

/**
 * A measured run must measure the route it names: every answer has the expected status (wrk
 * counts the non-2xx ones; a probe before the run checks the exact status), else the run fails.
 */
async function checkStatus(name, target, expected, probe, result) {
  const probed = await probe();
  const refusal = expected >= 400;
  const wrong = refusal ? result.total - result.non2xx > 1 : result.non2xx > 0;
  if (probed !== expected || wrong || result.total === 0)
    throw new Error(
      `${target} ${name}: expected every answer to be ${expected}; probe answered ${probed}, wrk saw ${result.non2xx} non-2xx of ${result.total}`,
    );
}

/** JWTs for arbitrary users, signed with the deployment's own key (as Better Auth would). */
async function serverSigner(client, issuer) {
  const { rows } = await client.query('select "id", "privateKey" from "jwks" order by "createdAt" desc limit 1');
  const key = await importJWK(
    JSON.parse(await symmetricDecrypt({ key: SECRET, data: JSON.parse(rows[0].privateKey) })),
    'ES256',
  );
  return (sub) =>
    new SignJWT({ sid: randomUUID(), email: `${sub}@bench.test` })
      .setProtectedHeader({ alg: 'ES256', kid: rows[0].id })
      .setSubject(sub)
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(key);
}

async function seed(client, ownerOfBigList) {
  log(`seeding ${SCALE.users} users and ${SCALE.tasks} tasks`);
  const started = Date.now();
  await client.query(
    `insert into "user" ("id", "name", "email", "emailVerified")
    select gen_random_uuid(), 'User ' || g, 'bench-' || g || '@bench.test', false from generate_series(1, $1) g`,
    [SCALE.users - 1],
  );
  const insertTasks = (ownerSql, count, params) =>
    client.query(
      `insert into "task" ("owner_id", "title", "description", "priority", "tags", "due_at", "created_at", "updated_at")
       select ${ownerSql}, 'Task ' || g, 'Seeded task number ' || g, (array['low','medium','high']::task_priority[])[1 + g % 3],
              array['tag' || (g % 10)], case when g % 4 = 0 then null else now() + (g % 1000) * interval '1 hour' end,
              now() - g * interval '1 second', now() - g * interval '1 second'
       from generate_series(1, ${count}) g`,
      params,
    );
  await insertTasks('$1::uuid', SCALE.bigUser, [ownerOfBigList]);
  const others = SCALE.tasks - SCALE.bigUser;
  await client.query(
    `create temporary table bench_users as select "id", row_number() over () as n from "user" where "email" ~ '^bench-[0-9]+@'`,
  );
  await client.query(
    `insert into "task" ("owner_id", "title", "description", "priority", "tags", "due_at", "created_at", "updated_at")
     select u."id", 'Task ' || g, 'Seeded task number ' || g, (array['low','medium','high']::task_priority[])[1 + g % 3],
            array['tag' || (g % 10)], case when g % 4 = 0 then null else now() + (g % 1000) * interval '1 hour' end,
            now() - g * interval '1 second', now() - g * interval '1 second'
     from generate_series(1, $1) g join bench_users u on u.n = 1 + (g % $2)`,
    [others, SCALE.users - 1],
  );
  // A live table has been vacuumed since its rows were written: without it, the measured run
  // would pay for setting every row's hint bits and share the cores with autovacuum's first pass.
  await client.query('vacuum (analyze) "task"');
  log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main() {
  if (!process.argv.includes('--no-build'))
    spawnSync('npm', ['run', '-w', 'api', 'build'], { cwd: root, stdio: 'inherit' });
  const server = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
  const serverUrl = new URL(process.env.DATABASE_URL ?? server.url);
  const dbName = `taskvault_bench_${Date.now()}`;
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();

  const [apiPort, basePort] = [await freePort(), await freePort()];
  const api = `http://127.0.0.1:${apiPort}`;
  const baseline = `http://127.0.0.1:${basePort}`;
  const logDir = await mkdtemp(join(tmpdir(), 'bench-logs-'));
  // Production requires SMTP_URL: the sign-ups' verification mails go to a mailbox on loopback.
  const { LocalMailbox } = await import('../api/dist/mail/local-mailbox.js');
  const mailbox = await new LocalMailbox({ smtpPort: 0 }).start();
  // Production settings, request logs at info (to a file); budgets raised so no answer is a 429.
  const apiEnv = (port, extra = {}) => ({
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: SECRET,
    API_PUBLIC_URL: api,
    LOG_LEVEL: 'info',
    SMTP_URL: mailbox.smtpUrl,
    BCRYPT_COST: String(BCRYPT_COST),
    API_RATE_LIMIT: '1000000000',
    AUTH_IP_LIMIT: '1000000',
    SIGN_IN_IP_LIMIT: '1000000',
    SIGN_UP_IP_LIMIT: '1000000',
    ...extra,
  });
  const apiProcess = startProcess([...API_NODE_FLAGS, 'api/dist/main.js'], apiEnv(apiPort), join(logDir, 'api.log'));
  const client = new pg.Client({ connectionString: databaseUrl });
  const figures = {};
  let baselineProcess;
  let floorProcess;
  let limitedProcess;
  try {
    await waitFor(`${api}/api/health`);
    await client.connect();
    const password = 'benchmark password';
    const me = await signUpAndToken(api, 'bench-main@bench.test', password);
    // Writes go to their own users, so the list being measured keeps the same 200 tasks; several
    // writers in turn, emptied before each run, so no run meets the per-account task cap.
    const writers = [];
    for (let i = 0; i < WRITERS; i++) writers.push(await signUpAndToken(api, `bench-writer-${i}@bench.test`, password));
    const writerIds = writers.map((w) => w.userId);
    const writersFile = join(logDir, 'writers.txt');
    // A user over budget: on a second API process whose budget is one request per hour, every
    // request after the first is a 429; the baseline refuses the same user after verifying.
    const limited = await signUpAndToken(api, 'bench-limited@bench.test', password);
    baselineProcess = startProcess(['bench/baseline-server.mjs'], {
      PORT: String(basePort),
      DATABASE_URL: databaseUrl,
      JWKS_URL: `${api}/api/auth/jwks`,
      ISSUER: api,
      AUDIENCE,
      OVER_BUDGET_USER: limited.userId,
    });
    const limitedPort = await freePort();
    const limitedApi = `http://127.0.0.1:${limitedPort}`;
    limitedProcess = startProcess(
      [...API_NODE_FLAGS, 'api/dist/main.js'],
      apiEnv(limitedPort, { API_RATE_LIMIT: '1', API_RATE_WINDOW_SECONDS: '3600' }),
      join(logDir, 'api-limited.log'),
    );
    await waitFor(`${baseline}/api/tasks`);
    await waitFor(`${limitedApi}/api/health`);
    await client.query(
      `insert into "task" ("owner_id", "title") select $1, 'Warm-up ' || g from generate_series(1, 200) g`,
      [me.userId],
    );
    await client.query('analyze "task"');

    /** Fresh JWTs (a full run outlives one 15-minute token), the writers' in their file. */
    const freshTokens = async () => {
      const writerJwts = [];
      for (const writer of writers) writerJwts.push(await sessionJwt(api, writer.sessionToken));
      await writeFile(writersFile, `${writerJwts.join('\n')}\n`);
      return {
        jwt: await sessionJwt(api, me.sessionToken),
        writerJwt: writerJwts[0],
        limitedJwt: await sessionJwt(api, limited.sessionToken),
      };
    };

    // 1. API vs baseline, alternating in rounds.
    const postScript = join(root, 'bench/post-task.lua');
    const probe = (url, init) => async () => (await json(url, init)).status;
    const bearer = (jwt) => ({ authorization: `Bearer ${jwt}` });
    /** POST /api/tasks by the writers in turn; `keyed`: each request with an Idempotency-Key of its own. */
    const createScenario = (keyed) => ({
      expected: 201,
      // Outside the measured window: every writer starts the run with room under the cap.
      before: () => client.query('delete from "task" where "owner_id" = any($1::uuid[])', [writerIds]),
      probe: (base, t) =>
        probe(`${base}/api/tasks`, {
          method: 'POST',
          headers: {
            ...bearer(t.writerJwt),
            'content-type': 'application/json',
            ...(keyed ? { 'idempotency-key': `probe-${randomUUID()}` } : {}),
          },
          body: JSON.stringify({ title: 'Probe', priority: 'high', tags: ['bench'] }),
        }),
      run: (base, _tokens, duration) =>
        wrk(`${base}/api/tasks`, {
          script: postScript,
          env: { TOKENS_FILE: writersFile, ...(keyed ? { IDEMPOTENCY_KEY_PREFIX: `bench-${randomUUID()}-` } : {}) },
          duration,
        }),
    });
    const allScenarios = {
      'GET /api/tasks?limit=20': {
        expected: 200,
        probe: (base, t) => probe(`${base}/api/tasks?limit=20`, { headers: bearer(t.jwt) }),
        run: (base, t, duration) =>
          wrk(`${base}/api/tasks?limit=20`, { headers: { Authorization: `Bearer ${t.jwt}` }, duration }),
      },
      'POST /api/tasks': createScenario(false),
      // The same creation with an Idempotency-Key, a new one per request (the baseline keeps the
      // answer with the API's statements too).
      'POST /api/tasks + Idempotency-Key': createScenario(true),
      '401 (no token)': {
        expected: 401,
        probe: (base) => probe(`${base}/api/tasks?limit=20`),
        run: (base, _tokens, duration) => wrk(`${base}/api/tasks?limit=20`, { duration }),
      },
      '429 (over budget)': {
        expected: 429,
        limited: true,
        probe: (base, t) => probe(`${base}/api/tasks?limit=20`, { headers: bearer(t.limitedJwt) }),
        run: (base, t, duration) =>
          wrk(`${base}/api/tasks?limit=20`, { headers: { Authorization: `Bearer ${t.limitedJwt}` }, duration }),
      },
    };
    const scenarios = Object.fromEntries(Object.entries(allScenarios).filter(([name]) => !only || name.includes(only)));
    /** One measured run: wrk's figures and the server's CPU time per answer (µs). */
    const measure = async (name, target, base, pid, tokens) => {
      const scenario = scenarios[name];
      await scenario.before?.();
      const cpuBefore = await cpuMicros(pid);
      const result = scenario.run(base, tokens);
      const cpuUs = (await cpuMicros(pid)) - cpuBefore;
      await checkStatus(name, target, scenario.expected, scenario.probe(base, tokens), result);
      return { ...result, cpuPerRequestUs: cpuUs / result.total };
    };
    if (!scaleOnly) await expectSameAnswers(api, baseline, await freshTokens(), client, writerIds);
    const serverOf = (target, scenario) =>
      target === 'baseline'
        ? [baseline, baselineProcess.pid]
        : scenario.limited
          ? [limitedApi, limitedProcess.pid]
          : [api, apiProcess.pid];
    // Every server's first seconds on each route are not counted (JIT warm-up, first connections),
    // the same for both: the API process that refuses over budget is otherwise measured cold in
    // round 1 while the main one is warm from the sign-ups.
    if (!scaleOnly) {
      const tokens = await freshTokens();
      for (const scenario of Object.values(scenarios))
        for (const target of ['api', 'baseline']) {
          await scenario.before?.();
          scenario.run(serverOf(target, scenario)[0], tokens, WARM_UP);
        }
      log(`warmed up: ${WARM_UP} of every route on every server, not counted`);
    }
    const runs = {};
    for (let round = 0; round < (scaleOnly ? 0 : ROUNDS); round++) {
      const tokens = await freshTokens();
      log(`round ${round + 1}: load average ${load()}`);
      await client.query('analyze "task"');
      const order = round % 2 === 0 ? ['api', 'baseline'] : ['baseline', 'api'];
      for (const [name, scenario] of Object.entries(scenarios)) {
        for (const target of order) {
          const [base, pid] = serverOf(target, scenario);
          const result = await measure(name, target, base, pid, tokens);
          log(
            `round ${round + 1} ${target.padEnd(8)} ${name}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99.toFixed(2)} ms, ${result.cpuPerRequestUs.toFixed(0)} µs CPU/request${result.socketErrors ? `, socket errors ${result.socketErrors}` : ''}`,
          );
          (runs[name] ??= { api: [], baseline: [] })[target].push({ ...result, load: loadavg()[0] });
        }
      }
    }
    figures.comparison = Object.fromEntries(
      Object.entries(runs).map(([name, { api: a, baseline: b }]) => {
        const pick = (results, key) => median(results.map((r) => r[key]));
        return [
          name,
          {
            apiRps: pick(a, 'rps'),
            baseRps: pick(b, 'rps'),
            apiP99: pick(a, 'p99'),
            baseP99: pick(b, 'p99'),
            apiP50: pick(a, 'p50'),
            baseP50: pick(b, 'p50'),
            apiCpuUs: pick(a, 'cpuPerRequestUs'),
            baseCpuUs: pick(b, 'cpuPerRequestUs'),
            rounds: a.map((r, i) => ({
              apiCpuUs: r.cpuPerRequestUs,
              baseCpuUs: b[i].cpuPerRequestUs,
              rpsRatio: r.rps / b[i].rps,
              p99Ratio: r.p99 / b[i].p99,
              load: (r.load + b[i].load) / 2,
            })),
          },
        ];
      }),
    );

    figures.compareRssMiB = await peakRssMiB(apiProcess.pid);
    log(`API peak RSS after the rounds ${figures.compareRssMiB.toFixed(0)} MiB`);
    if (compareOnly) {
      for (const [name, c] of Object.entries(figures.comparison))
        log(
          `${name}: ratio ${(c.apiRps / c.baseRps).toFixed(2)}, CPU/request API ${c.apiCpuUs.toFixed(0)} µs (rounds ${c.rounds.map((r) => r.apiCpuUs.toFixed(0)).join(', ')}), baseline ${c.baseCpuUs.toFixed(0)} µs`,
        );
      await writeFile(join(logDir, 'compare.json'), `${JSON.stringify(figures, null, 2)}\n`);
      log(`figures in ${join(logDir, 'compare.json')}`);
      return;
    }

    if (!scaleOnly) {
      // 2. Sign-in latency next to one bcrypt compare at the same cost, in pairs: this machine's
      // speed drifts by more than the difference measured, so each sign-in is followed by its
      // compare and the figure is the median of the pairs' differences. The same for Better Auth
      // on its own (better-auth-floor-server.mjs), same user and database, in turn with the API:
      // the floor that any sign-in through Better Auth stands on here.
      const floorPort = await freePort();
      const floor = `http://127.0.0.1:${floorPort}`;
      floorProcess = startProcess(['bench/better-auth-floor-server.mjs'], {
        PORT: String(floorPort),
        DATABASE_URL: databaseUrl,
        BCRYPT_COST: String(BCRYPT_COST),
        BETTER_AUTH_SECRET: SECRET,
      });
      await waitFor(`${floor}/api/auth/ok`);
      const hash = await bcrypt.hash('x'.repeat(44), BCRYPT_COST);
      const timedSignIn = async (base, headers) => {
        const started = performance.now();
        const answer = await json(`${base}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ email: 'bench-main@bench.test', password }),
        });
        if (answer.status !== 200) throw new Error(`sign-in at ${base} answered ${answer.status}`);
        return performance.now() - started;
      };
      const timedCompare = async () => {
        const started = performance.now();
        await bcrypt.compare('x'.repeat(44), hash);
        return performance.now() - started;
      };
      const signInTimes = [];
      const compareTimes = [];
      const floorOverheads = [];
      for (let i = 0; i < SIGN_IN_PAIRS; i++) {
        signInTimes.push(await timedSignIn(api));
        compareTimes.push(await timedCompare());
        // Better Auth asks a fetch-metadata client for an Origin (the API drops undici's stray
        // Sec-Fetch-Mode instead): its own base URL, a trusted origin.
        const floorTime = await timedSignIn(floor, { origin: floor });
        floorOverheads.push(floorTime - (await timedCompare()));
      }
      figures.signIn = {
        p50: median(signInTimes),
        p90: percentile(signInTimes, 90),
        bcrypt: median(compareTimes),
        overhead: median(signInTimes.map((time, i) => time - compareTimes[i])),
        betterAuthAloneOverhead: median(floorOverheads),
      };
      floorProcess.kill('SIGTERM');
      log(
        `sign-in p50 ${figures.signIn.p50.toFixed(1)} ms, bcrypt compare (cost ${BCRYPT_COST}) ${figures.signIn.bcrypt.toFixed(1)} ms, paired difference ${figures.signIn.overhead.toFixed(1)} ms (Better Auth alone ${figures.signIn.betterAuthAloneOverhead.toFixed(1)} ms)`,
      );
    }

    // 3. Scale.
    const big = await signUpAndToken(api, 'bench-big@bench.test', password);
    await seed(client, big.userId);
    const sign = await serverSigner(client, api);
    const { rows: sample } = await client.query(
      `select "id" from "user" where "email" ~ '^bench-[0-9]+@' order by random() limit 500`,
    );
    const tokensFile = join(await mkdtemp(join(tmpdir(), 'bench-')), 'tokens.txt');
    await writeFile(tokensFile, `${(await Promise.all(sample.map((row) => sign(row.id)))).join('\n')}\n`);
    const randomUserRun = (duration) =>
      wrk(`${api}/api/tasks?limit=20`, {
        script: join(root, 'bench/random-user.lua'),
        env: { TOKENS_FILE: tokensFile },
        duration,
      });
    // Not counted: every user's first request (its token verified, its pages read into memory).
    randomUserRun('3s');
    const randomUsers = randomUserRun();
    figures.scale = { randomUsers };
    log(
      `random users: ${randomUsers.rps.toFixed(0)} req/s, p50 ${randomUsers.p50.toFixed(2)} ms, p99 ${randomUsers.p99.toFixed(2)} ms`,
    );

    const bigJwt = await sign(big.userId);
    let cursor;
    for (let page = 1; page < 500; page++) {
      const response = await json(`${api}/api/tasks?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
        headers: { authorization: `Bearer ${bigJwt}` },
      });
      cursor = response.body.nextCursor;
    }
    const auth = { Authorization: `Bearer ${bigJwt}` };
    const page1 = wrk(`${api}/api/tasks?limit=20`, { headers: auth });
    const page500 = wrk(`${api}/api/tasks?limit=20&cursor=${encodeURIComponent(cursor)}`, { headers: auth });
    figures.scale.page1 = page1;
    figures.scale.page500 = page500;
    log(`page 1: p50 ${page1.p50.toFixed(2)} ms; page 500: p50 ${page500.p50.toFixed(2)} ms`);

    figures.peakRssMiB = await peakRssMiB(apiProcess.pid);
    log(`API peak RSS ${figures.peakRssMiB.toFixed(0)} MiB`);
    figures.load = load();
    if (scaleOnly) return;

    // 4. Where the time goes: one profiled API process per path (node --cpu-prof).
    if (PROFILE) {
      const tokens = await freshTokens();
      figures.profiles = {};
      for (const [name, scenario] of Object.entries(scenarios)) {
        const port = await freePort();
        const profiled = `http://127.0.0.1:${port}`;
        const dir = await mkdtemp(join(tmpdir(), 'bench-prof-'));
        const extra = name.startsWith('429') ? { API_RATE_LIMIT: '1', API_RATE_WINDOW_SECONDS: '3600' } : {};
        const spawnedAt = performance.now();
        const child = startProcess(
          [...API_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`, 'api/dist/main.js'],
          apiEnv(port, extra),
          join(logDir, 'api-profiled.log'),
        );
        await waitFor(`${profiled}/api/health`);
        const readyAfterMs = performance.now() - spawnedAt;
        await scenario.before?.();
        const result = scenario.run(profiled, tokens);
        await checkStatus(name, 'profiled', scenario.expected, scenario.probe(profiled, tokens), result);
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
        const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'));
        if (files.length)
          figures.profiles[name] = summariseProfile(
            JSON.parse(await readFile(join(dir, files[0]), 'utf8')),
            readyAfterMs,
          );
        await rm(dir, { recursive: true, force: true });
        log(`profiled ${name}`);
      }
    }
    await writeFile(join(root, 'bench/results/latest.md'), report(figures));
    await writeFile(join(root, 'bench/results/latest.json'), `${JSON.stringify(figures, null, 2)}\n`);
    log('wrote bench/results/latest.md');
  } finally {
    baselineProcess?.kill('SIGTERM');
    floorProcess?.kill('SIGTERM');
    limitedProcess?.kill('SIGTERM');
    apiProcess.kill('SIGTERM');
    await new Promise((resolve) => apiProcess.once('exit', resolve));
    await client.end().catch(() => undefined);
    await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined);
    await admin.end();
    await server?.stop();
    await mailbox.stop();
  }
}

/** Where a profile's samples fall: the top self-time frames, and shares by package. */
function summariseProfile(profile, skipMs) {
  const selfTicks = new Map();
  const hits = new Map(profile.nodes.map((node) => [node.id, 0]));
  // Start-up (module loading, migrations) is not the hot path: only samples once it answered.
  let elapsedUs = 0;
  profile.samples.forEach((id, i) => {
    elapsedUs += profile.timeDeltas[i];
    if (elapsedUs >= skipMs * 1000) hits.set(id, hits.get(id) + 1);
  });
  const packages = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const ticks = hits.get(node.id);
    if (!ticks) continue;
    total += ticks;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const file = url.replace(/^file:\/\//, '').replace(root, '');
    const frame =
      `${functionName || '(anonymous)'} ${file ? `${file.split('node_modules/').at(-1)}:${lineNumber + 1}` : ''}`.trim();
    selfTicks.set(frame, (selfTicks.get(frame) ?? 0) + ticks);
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ??
      (file.startsWith('api/') ? 'api (ours)' : file ? 'node internals' : functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ticks);
  }
  const busy = [...selfTicks.values()].reduce((a, b) => a + b, 0);
  const top = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ticks]) => ({ name, share: ticks / busy }));
  return { busyShare: busy / total, frames: top(selfTicks, 10), packages: top(packages, 10) };
}

function profileSection(profiles) {
  if (!profiles) return '';
  const pct = (n) => `${(n * 100).toFixed(1)} %`;
  return `
## Profile (node --cpu-prof, one API process per path, self time as a share of busy samples)

${Object.entries(profiles)
  .map(
    ([name, p]) => `### \`${name}\`

By package: ${p.packages.map((x) => `${x.name} ${pct(x.share)}`).join(', ')}.

| top frames (self) | share |
| --- | ---: |
${p.frames.map((x) => `| \`${x.name.replaceAll('|', '\\|')}\` | ${pct(x.share)} |`).join('\n')}
`,
  )
  .join('\n')}`;
}

function report(f) {
  const fmt = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
  const rows = Object.entries(f.comparison).map(
    ([name, c]) =>
      `| \`${name}\` | ${fmt(c.apiRps, 0)} | ${fmt(c.baseRps, 0)} | **${fmt(c.apiRps / c.baseRps)}** | ${fmt(c.apiP50)} / ${fmt(c.apiP99)} | ${fmt(c.baseP50)} / ${fmt(c.baseP99)} | **${fmt(c.apiP99 / c.baseP99)}** |`,
  );
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `# Taskvault benchmark

Measured ${new Date().toISOString()} on ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${process.env.DATABASE_URL ? 'server from DATABASE_URL' : 'embedded (throwaway)'}.
Command: \`npm run bench${quick ? ' -- --quick' : ''}\`. Load: \`wrk -t1 -c${CONNECTIONS} -d${DURATION} --latency\` in its own process
(one thread, so each server keeps the other core). API and baseline alternate over ${ROUNDS} round(s) on the same database, after ${WARM_UP} of every route on every server that is not counted;
figures are the medians of the rounds. The API runs as \`npm start\` runs it (\`node ${API_NODE_FLAGS.join(' ')}\`). The baseline (\`bench/baseline-server.mjs\`) is node:http + pg + jose verifying
the same ES256 JWTs, with the API's own statements, row-to-JSON mapping, page cursor and Idempotency-Key rules
imported from its build, and hand-written validation of the same limits; no framework, logging, rate limiting or
security headers. Before the rounds the run checks that both answer the same list page and the same created task.

## API against the bare baseline

| route | API req/s | baseline req/s | throughput ratio | API p50 / p99 ms | baseline p50 / p99 ms | p99 ratio |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Per round (API / baseline, same round; load average during the pair):

| route | throughput ratio per round | p99 ratio per round | load |
| --- | --- | --- | --- |
${Object.entries(f.comparison)
  .map(
    ([name, c]) =>
      `| \`${name}\` | ${c.rounds.map((r) => fmt(r.rpsRatio)).join(', ')} | ${c.rounds.map((r) => fmt(r.p99Ratio)).join(', ')} | ${c.rounds.map((r) => fmt(r.load, 1)).join(', ')} |`,
  )
  .join('\n')}

CPU time per answer (user + system time of the serving process over the run, from \`/proc/<pid>/stat\`,
divided by the answers wrk counted): less sensitive to other load on the machine than req/s.

| route | API µs CPU / request | baseline µs CPU / request | API / baseline | API per round |
| --- | ---: | ---: | ---: | --- |
${Object.entries(f.comparison)
  .map(
    ([name, c]) =>
      `| \`${name}\` | ${fmt(c.apiCpuUs, 0)} | ${fmt(c.baseCpuUs, 0)} | ${fmt(c.apiCpuUs / c.baseCpuUs)} | ${c.rounds.map((r) => fmt(r.apiCpuUs, 0)).join(', ')} |`,
  )
  .join('\n')}

The 429 row runs against a second API process whose budget is one request per hour (every request
after the first is refused); the baseline refuses the same user after verifying its JWT.
Load average (1, 5, 15 min) at the end of the run: ${f.load}.

## Sign-in

| | ms |
| --- | ---: |
| sign-in (HTTP, p50) | ${fmt(f.signIn.p50, 1)} |
| sign-in (HTTP, p90) | ${fmt(f.signIn.p90, 1)} |
| one bcrypt compare, cost ${BCRYPT_COST} (in process, p50) | ${fmt(f.signIn.bcrypt, 1)} |
| sign-in minus its compare (median of ${SIGN_IN_PAIRS} pairs, each sign-in followed by one compare) | ${fmt(f.signIn.overhead, 1)} |
| the same for Better Auth alone (\`bench/better-auth-floor-server.mjs\`: no Taskvault code, bearer plugin only), in turn with the API | ${fmt(f.signIn.betterAuthAloneOverhead, 1)} |

## Scale: ${SCALE.users.toLocaleString('en')} users, ${SCALE.tasks.toLocaleString('en')} tasks

| | req/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
| \`GET /api/tasks?limit=20\`, random users (500 tokens) | ${fmt(f.scale.randomUsers.rps, 0)} | ${fmt(f.scale.randomUsers.p50)} | ${fmt(f.scale.randomUsers.p99)} |
| page 1 of a ${SCALE.bigUser.toLocaleString('en')}-task user | ${fmt(f.scale.page1.rps, 0)} | ${fmt(f.scale.page1.p50)} | ${fmt(f.scale.page1.p99)} |
| page 500 of the same user (keyset cursor) | ${fmt(f.scale.page500.rps, 0)} | ${fmt(f.scale.page500.p50)} | ${fmt(f.scale.page500.p99)} |

Page 500 / page 1 (p50): **${fmt(f.scale.page500.p50 / f.scale.page1.p50)}**.

## Memory

API peak RSS (VmHWM) after the API-vs-baseline rounds: **${fmt(f.compareRssMiB, 0)} MiB**; over the whole run
(the scale section included): **${fmt(f.peakRssMiB, 0)} MiB**.
${profileSection(f.profiles)}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
