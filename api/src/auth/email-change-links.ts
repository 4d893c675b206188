import { createHash } from 'node:crypto';
import { APIError } from 'better-auth/api';
import { jwtVerify } from 'jose';
import type pg from 'pg';

/** Better Auth's answer to a token it will not honour (BASE_ERROR_CODES.INVALID_TOKEN). */
const INVALID_TOKEN = { code: 'INVALID_TOKEN', message: 'Invalid token' };

/**
 * Makes each change-of-address link single-use. Better Auth checks that the account still has
 * the address the link was made for, which refuses most replays, but not one after the user moved
 * back (A → B, B → A, then the old A → B link again). Sign-up verification links stay reusable:
 * a second click on an already confirmed address changes nothing and says so.
 */
export class EmailChangeLinks {
  private readonly key: Uint8Array;

  constructor(
    private readonly pool: pg.Pool,
    secret: string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Records the link as used, or refuses it if it was used before. Invalid tokens are left to Better Auth. */
  async useOnce(token: unknown): Promise<void> {
    if (typeof token !== 'string') return;
    const payload = await jwtVerify(token, this.key, { algorithms: ['HS256'] }).then(
      ({ payload }) => payload,
      () => undefined,
    );
    if (!payload?.updateTo || typeof payload.exp !== 'number') return;
    const hash = createHash('sha256').update(token).digest();
    const { rowCount } = await this.pool.query(
      `with expired as (delete from "used_email_change_link" where "expires_at" < now())
       insert into "used_email_change_link" ("token_hash", "expires_at") values ($1, to_timestamp($2))
       on conflict ("token_hash") do nothing`,
      [hash, payload.exp],
    );
    if (rowCount === 0) throw new APIError('UNAUTHORIZED', INVALID_TOKEN);
  }
}
