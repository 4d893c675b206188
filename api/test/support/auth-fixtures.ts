import { randomBytes } from 'node:crypto';
import request from 'supertest';

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
  /** Better Auth's session token (bearer plugin): for /api/auth/* routes. */
  sessionToken: string;
  /** An ES256 JWT for the API's own routes. */
  jwt: string;
}

let counter = 0;

export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(4).toString('hex')}@example.test`;
}

/** Signs a new user up over HTTP, the way an integrator would (no cookies, no Origin). */
export async function createUser(
  baseUrl: string,
  overrides: Partial<Pick<TestUser, 'name' | 'email' | 'password'>> = {},
): Promise<TestUser> {
  const name = overrides.name ?? 'Test User';
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const signUp = await request(baseUrl).post('/api/auth/sign-up/email').send({ name, email, password });
  if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  const sessionToken: string = signUp.body.token;
  const jwt = await jwtFor(baseUrl, sessionToken);
  return { id: signUp.body.user.id, name, email, password, sessionToken, jwt };
}

/** Signs an existing user in and returns a fresh session token. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await request(baseUrl).post('/api/auth/sign-in/email').send({ email, password });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  return response.body.token as string;
}

/** A JWT for a session, from GET /api/auth/token with the session token as bearer. */
export async function jwtFor(baseUrl: string, sessionToken: string): Promise<string> {
  const response = await request(baseUrl).get('/api/auth/token').set('Authorization', `Bearer ${sessionToken}`);
  if (response.status !== 200) throw new Error(`token failed: ${response.status}`);
  return response.body.token as string;
}
