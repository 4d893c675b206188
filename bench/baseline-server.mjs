// The bare limit: node:http + pg + jose doing what the API does for the benchmarked routes —
// verify the same ES256 JWTs (JWKS in memory, iss/aud pinned, revoked sessions refused), run
// the same owner-scoped queries, answer JSON — with nothing else (no framework, validation,
// logging, rate limiting or security headers).
import { createServer } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import pg from 'pg';

const { DATABASE_URL, PORT, JWKS_URL, ISSUER, AUDIENCE } = process.env;
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

const columns = `"id", "title", "description", "completed", "priority", "tags", "due_at", "completed_at", "created_at", "updated_at"`;

createServer(async (req, res) => {
  const owner = await authenticate(req);
  if (!owner) return send(res, 401, { status: 401 });
  if (req.method === 'GET' && req.url.startsWith('/api/tasks')) {
    const { rows } = await pool.query(
      `select ${columns} from "task" where "owner_id" = $1 order by "created_at" desc, "id" desc limit 21`,
      [owner],
    );
    return send(res, 200, { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? 'next' : null });
  }
  if (req.method === 'POST' && req.url === '/api/tasks') {
    const body = JSON.parse(await readBody(req));
    const { rows } = await pool.query(`insert into "task" ("owner_id", "title") values ($1, $2) returning ${columns}`, [
      owner,
      body.title,
    ]);
    return send(res, 201, rows[0]);
  }
  send(res, 404, { status: 404 });
}).listen(Number(PORT), '127.0.0.1');
