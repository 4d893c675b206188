import pg from 'pg';
import request from 'supertest';

export interface CreatedToken {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  token: string;
}

export const PERSONAL_TOKEN_SHAPE = /^tvp_[0-9A-Za-z]{43,}$/;

/** Creates a personal access token over HTTP with the user's session token, as a script would. */
export async function createPersonalToken(
  baseUrl: string,
  sessionToken: string,
  body: { name?: string; scopes?: string[]; expiresInDays?: number } = {},
): Promise<CreatedToken> {
  const response = await request(baseUrl)
    .post('/api/tokens')
    .set('Authorization', `Bearer ${sessionToken}`)
    .send({ name: 'Test token', scopes: ['tasks:read', 'tasks:write'], ...body });
  if (response.status !== 201) {
    throw new Error(`token creation failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as CreatedToken;
}

/** A secret of the right shape that was never issued. */
export function neverIssuedToken(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let random = '';
  for (let i = 0; i < 43; i++) random += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `tvp_${random}`;
}

/** The same secret with one character changed (at `index`, counted after `tvp_`). */
export function flipCharacter(token: string, index: number): string {
  const position = 4 + index;
  const current = token[position];
  const replacement = current === 'a' ? 'b' : current === 'A' ? 'B' : current === '0' ? '1' : 'a';
  return token.slice(0, position) + replacement + token.slice(position + 1);
}

/** Runs SQL on a test's database, for what no HTTP client may do (expiring a token, reading hashes). */
export async function onDatabase<T>(databaseUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Polls for at most a second (the contract's bound) until `call` answers `status`; returns the last answer. */
export async function statusWithinASecond(call: () => Promise<request.Response>, status: number): Promise<number> {
  const started = Date.now();
  let last = (await call()).status;
  while (last !== status && Date.now() - started < 1000) last = (await call()).status;
  return last;
}
