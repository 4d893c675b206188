// The bare limit: node:http + pg + jose doing what the API does for the benchmarked routes —
// verify the same ES256 JWTs (JWKS in memory, iss/aud pinned, revoked sessions refused), run
// the same owner-scoped statements and answer the same JSON — with nothing else (no framework,
// logging, rate limiting or security headers; validation by hand, with the same limits).
// The work every server doing this job must do is the API's own code, imported from its build:
// its SQL statements (TasksRepository and IdempotencyRepository, over a plain pg pool), its
// timestamp parser, its mapping of a row to a task's JSON and its page cursor, and the
// Idempotency-Key rules (IdempotencyService). So the comparison measures what the API adds
// around that work, and both answer byte for byte the same body (run.mjs checks it).
import { createServer } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import pg from 'pg';
import { useFastTimestampParser } from '../api/dist/database/timestamp-parser.js';
import { IdempotencyClock } from '../api/dist/idempotency/idempotency-clock.js';
import { idempotencyKeyOf } from '../api/dist/idempotency/idempotency-key.js';
import { IdempotencyRepository } from '../api/dist/idempotency/idempotency.repository.js';
import { IdempotencyService } from '../api/dist/idempotency/idempotency.service.js';
import { requestFingerprint } from '../api/dist/idempotency/request-fingerprint.js';
import { encodeCursor, sortValueOf } from '../api/dist/tasks/task-cursor.js';
import { TASK_LIMITS } from '../api/dist/tasks/dto/task-fields.js';
import { toTaskResponse } from '../api/dist/tasks/dto/task-response.dto.js';
import { TasksRepository } from '../api/dist/tasks/tasks.repository.js';

const { DATABASE_URL, PORT, JWKS_URL, ISSUER, AUDIENCE, OVER_BUDGET_USER } = process.env;
useFastTimestampParser();
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
// The repositories read their pool from a TypeORM data source; this is all of it they touch.
const dataSource = { driver: { master: pool } };
const tasks = new TasksRepository(dataSource);
const idempotency = new IdempotencyService(new IdempotencyRepository(dataSource), new IdempotencyClock());
const jwks = createLocalJWKSet(await (await fetch(JWKS_URL)).json());
const revoked = new Set();

async function authenticate(req) {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  try {
    const { payload } = await jwtVerify(header.slice(7), jwks, {
      algorithms: ['ES256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    return revoked.has(payload.sid) ? undefined : payload.sub;
  } catch {
    return undefined;
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

// The API's limits (api/src/tasks/dto/task-fields.ts), checked as cheaply as hand-written code can.
const PRIORITIES = new Set(['low', 'medium', 'high']);
const length = (text) => [...text].length;
function validTask(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  for (const key of Object.keys(body))
    if (!['title', 'description', 'priority', 'tags', 'dueAt'].includes(key)) return false;
  if (typeof body.title !== 'string' || length(body.title) < 1 || length(body.title) > 200) return false;
  if (body.description !== undefined && (typeof body.description !== 'string' || length(body.description) > 10_000))
    return false;
  if (body.priority !== undefined && !PRIORITIES.has(body.priority)) return false;
  if (body.tags !== undefined) {
    if (!Array.isArray(body.tags) || body.tags.length > 20) return false;
    if (!body.tags.every((tag) => typeof tag === 'string' && length(tag) >= 1 && length(tag) <= 50)) return false;
  }
  return body.dueAt === undefined || body.dueAt === null || !Number.isNaN(Date.parse(body.dueAt));
}

async function list(owner) {
  const limit = 20;
  const rows = await tasks.listPageForOwner(owner, { status: 'all' }, { sort: 'createdAt', order: 'desc', limit });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit
      ? encodeCursor({ sort: 'createdAt', order: 'desc', value: sortValueOf(last, 'createdAt'), id: last.id })
      : null;
  return { items: items.map(toTaskResponse), nextCursor };
}

async function create(owner, body) {
  const task = await tasks.createForOwner(
    owner,
    { title: body.title, priority: body.priority ?? 'medium', tags: [...new Set(body.tags ?? [])] },
    TASK_LIMITS.tasksPerUserMax,
  );
  return task === 'limit' ? undefined : JSON.stringify(toTaskResponse(task));
}

/** POST /api/tasks with an Idempotency-Key: claim it, create, keep the answer (the API's rules). */
async function createKeyed(owner, key, body) {
  const request = { userId: owner, key, route: 'POST /api/tasks', fingerprint: requestFingerprint(body) };
  const begun = await idempotency.begin(request);
  if (begun.kind === 'replay') return begun.response.body;
  const answer = await create(owner, body);
  if (answer === undefined) await idempotency.release(request, begun.claimId);
  else await idempotency.complete(request, begun.claimId, { status: 201, headers: {}, body: answer });
  return answer;
}

createServer(async (req, res) => {
  const owner = await authenticate(req);
  if (!owner) return send(res, 401, { status: 401 });
  // The request budget, reduced to its answer: this user has spent it.
  if (owner === OVER_BUDGET_USER) {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
    return res.end(JSON.stringify({ status: 429 }));
  }
  if (req.method === 'GET' && req.url.startsWith('/api/tasks')) return send(res, 200, await list(owner));
  if (req.method === 'POST' && req.url === '/api/tasks') {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { status: 400 });
    }
    if (!validTask(body)) return send(res, 400, { status: 400 });
    const header = req.headers['idempotency-key'];
    try {
      const answer =
        header === undefined
          ? await create(owner, body)
          : await createKeyed(owner, idempotencyKeyOf(header, req.rawHeaders), body);
      return answer === undefined ? send(res, 409, { status: 409 }) : send(res, 201, answer);
    } catch (error) {
      // The API's refusals (a bad key 400, a reused one 422, one in flight 409) carry their status;
      // anything else is a failure of the baseline, which the run's status checks then report.
      const status = typeof error?.getStatus === 'function' ? error.getStatus() : 500;
      return send(res, status, { status });
    }
  }
  send(res, 404, { status: 404 });
}).listen(Number(PORT), '127.0.0.1');
