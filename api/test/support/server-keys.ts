import { symmetricDecrypt } from 'better-auth/crypto';
import { importJWK, type JWTPayload, SignJWT } from 'jose';
import pg from 'pg';

/**
 * Signs arbitrary claims with the deployment's real ES256 key (decrypted as Better Auth does),
 * so tests can build tokens the server would never mint: no `exp`, a future `nbf`, extra
 * header fields. Only a test with the database and the secret can do this.
 */
export async function signWithServerKey(
  databaseUrl: string,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; privateKey: string }>(
      'select "id", "privateKey" from "jwks" order by "createdAt" desc limit 1',
    );
    if (!rows[0]) throw new Error('no signing key yet: mint a token first');
    const secret = process.env.BETTER_AUTH_SECRET!;
    const jwk = JSON.parse(await symmetricDecrypt({ key: secret, data: JSON.parse(rows[0].privateKey) }));
    const key = await importJWK(jwk, 'ES256');
    return await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: rows[0].id, ...header }).sign(key);
  } finally {
    await client.end();
  }
}

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

export function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}
