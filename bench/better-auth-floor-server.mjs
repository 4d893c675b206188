// The floor under the API's sign-in: Better Auth 1.7 on its own, as its documentation sets it up
// (betterAuth + toNodeHandler on node:http), on the API's database with the API's password hasher
// (SHA-256 prehash, bcrypt) and the bearer plugin (an API client is answered a token). Nothing of
// Taskvault's around it: no rate limits, hooks, security events, other plugins or framework. What
// its sign-in costs over one bcrypt compare is what any service signing in through Better Auth
// pays on this machine; run.mjs reports it next to the API's.
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { toNodeHandler } from 'better-auth/node';
import { bearer } from 'better-auth/plugins';
import pg from 'pg';
import { bcryptPasswordHasher } from '../api/dist/auth/password-hashing.js';

const { DATABASE_URL, PORT, BCRYPT_COST, BETTER_AUTH_SECRET } = process.env;
const baseURL = `http://127.0.0.1:${PORT}`;
const auth = betterAuth({
  baseURL,
  secret: BETTER_AUTH_SECRET,
  database: new pg.Pool({ connectionString: DATABASE_URL, max: 10 }),
  telemetry: { enabled: false },
  emailAndPassword: { enabled: true, password: bcryptPasswordHasher(Number(BCRYPT_COST)) },
  advanced: { database: { generateId: 'uuid' } },
  rateLimit: { enabled: false },
  logger: { disabled: true },
  plugins: [bearer()],
});
createServer(toNodeHandler(auth)).listen(Number(PORT), '127.0.0.1');
