// The bare limit: node:http + pg + jose doing what the API does for the benchmarked routes —
// verify the same ES256 JWTs (JWKS in memory, iss/aud pinned, revoked sessions refused), run
// the same owner-scoped queries, answer JSON — with nothing else (no framework, validation,
// logging, rate limiting or security headers).
import { createServer } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import pg from 'pg';

const { DATABASE_URL, PORT, JWKS_URL, ISSUER, AUDIENCE, OVER_BUDGET_USER } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
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
  res.end(JSON.stringify(body));
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

const columns = `"id", "title", "description", "completed", "priority", "tags", "due_at", "completed_at", "created_at", "updated_at"`;

createServer(async (req, res) => {
  const owner = await authenticate(req);
  if (!owner) return send(res, 401, { status: 401 });
  // The request budget, reduced to its answer: this user has spent it.
  if (owner === OVER_BUDGET_USER) {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
    return res.end(JSON.stringify({ status: 429 }));
  }
  if (req.method === 'GET' && req.url.startsWith('/api/tasks')) {
    const { rows } = await pool.query({
      name: 'list-tasks',
      text: `select ${columns} from "task" where "owner_id" = $1 order by "created_at" desc, "id" desc limit 21`,
      values: [owner],
    });
    return send(res, 200, { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? 'next' : null });
  }
  if (req.method === 'POST' && req.url === '/api/tasks') {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { status: 400 });
    }
    if (!validTask(body)) return send(res, 400, { status: 400 });
    // The API's one creating statement (api/src/tasks/tasks.repository.ts): the per-account cap is
    // checked on the owner's count row, which the task table's triggers keep for every insert.
    const { rows } = await pool.query({
      name: 'create-task',
      text: `with slot as (
          insert into task_owner_count (owner_id, tasks) values ($1::uuid, 0)
          on conflict (owner_id) do update set tasks = task_owner_count.tasks where task_owner_count.tasks < 10000
          returning owner_id)
        insert into "task" ("owner_id", "title", "priority", "tags")
        select owner_id, $2, $3, $4 from slot returning ${columns}`,
      values: [owner, body.title, body.priority ?? 'medium', [...new Set(body.tags ?? [])]],
    });
    if (!rows[0]) return send(res, 409, { status: 409 });
    return send(res, 201, rows[0]);
  }
  send(res, 404, { status: 404 });
}).listen(Number(PORT), '127.0.0.1');
