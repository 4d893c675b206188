import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { postgresPool } from '../database/postgres-pool.js';

/** What identifies a request for idempotency: whose, which key, which route, which body. */
export interface IdempotentRequest {
  userId: string;
  key: string;
  /** Method and route template, e.g. `POST /api/users/:userId/tasks`. */
  route: string;
  fingerprint: Buffer;
}

/** A first answer, kept to be given again. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as it was serialised, so a replay is the same JSON. */
  body: string;
}

/** The row a key already has: finished (with its answer) or still in flight. */
export interface ExistingRecord {
  route: string;
  fingerprint: Buffer;
  response: StoredResponse | null;
  lockedUntil: Date;
}

/**
 * Claims the key, in one statement that N instances can race: the primary key (user, key) lets
 * one INSERT win; the others meet the conflict and get no row. The same statement takes a row
 * over when it is dead — past its 24 hours, or an in-flight claim whose holder never finished
 * (crashed) — by updating it in place; the row lock makes that takeover one winner too, since the
 * losers re-check the WHERE against the winner's version.
 */
const CLAIM = {
  name: 'idempotency-claim',
  text: `INSERT INTO idempotency_key AS k
      (user_id, key, route, fingerprint, claim_id, created_at, locked_until, expires_at)
    VALUES ($1::uuid, $2::varchar, $3::varchar, $4::bytea, $5::uuid, $6::timestamptz,
      $6::timestamptz + make_interval(secs => $7::int), $6::timestamptz + make_interval(secs => $8::int))
    ON CONFLICT (user_id, key) DO UPDATE SET route = excluded.route, fingerprint = excluded.fingerprint,
      claim_id = excluded.claim_id, created_at = excluded.created_at, locked_until = excluded.locked_until,
      expires_at = excluded.expires_at, response_status = NULL, response_headers = NULL, response_body = NULL
      WHERE k.expires_at <= $6::timestamptz OR (k.response_status IS NULL AND k.locked_until <= $6::timestamptz)
    RETURNING claim_id`,
};
const FIND = {
  name: 'idempotency-find',
  text: `SELECT route, fingerprint, response_status AS "status", response_headers AS "headers",
      response_body AS "body", locked_until AS "lockedUntil"
    FROM idempotency_key WHERE user_id = $1::uuid AND key = $2::varchar AND expires_at > $3::timestamptz`,
};
/** Only the claim that is still ours: a taken-over claim's late finish changes nothing. */
const COMPLETE = {
  name: 'idempotency-complete',
  text: `UPDATE idempotency_key SET response_status = $4::smallint, response_headers = $5::jsonb, response_body = $6::text
    WHERE user_id = $1::uuid AND key = $2::varchar AND claim_id = $3::uuid AND response_status IS NULL`,
};
const RELEASE = {
  name: 'idempotency-release',
  text: `DELETE FROM idempotency_key
    WHERE user_id = $1::uuid AND key = $2::varchar AND claim_id = $3::uuid AND response_status IS NULL`,
};
/** In batches, so a large backlog never holds one long transaction. */
const PURGE = {
  name: 'idempotency-purge',
  text: `DELETE FROM idempotency_key WHERE ctid IN (
      SELECT ctid FROM idempotency_key WHERE expires_at <= $1::timestamptz LIMIT $2::int)`,
};

/** The SQL of the idempotency records (table idempotency_key, migration 1800). */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return postgresPool(this.dataSource);
  }

  /** True when this request now holds the key (a new row, or a dead one taken over). */
  async claim(
    request: IdempotentRequest,
    claimId: string,
    now: Date,
    inFlightSeconds: number,
    keepSeconds: number,
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      ...CLAIM,
      values: [
        request.userId,
        request.key,
        request.route,
        request.fingerprint,
        claimId,
        now,
        inFlightSeconds,
        keepSeconds,
      ],
    });
    return rowCount === 1;
  }

  async find(userId: string, key: string, now: Date): Promise<ExistingRecord | null> {
    const { rows } = await this.pool.query<{
      route: string;
      fingerprint: Buffer;
      status: number | null;
      headers: Record<string, string> | null;
      body: string | null;
      lockedUntil: Date;
    }>({ ...FIND, values: [userId, key, now] });
    const [row] = rows;
    if (!row) return null;
    return {
      route: row.route,
      fingerprint: row.fingerprint,
      lockedUntil: row.lockedUntil,
      response: row.status === null ? null : { status: row.status, headers: row.headers ?? {}, body: row.body ?? '' },
    };
  }

  async complete(userId: string, key: string, claimId: string, response: StoredResponse): Promise<void> {
    await this.pool.query({
      ...COMPLETE,
      values: [userId, key, claimId, response.status, JSON.stringify(response.headers), response.body],
    });
  }

  async release(userId: string, key: string, claimId: string): Promise<void> {
    await this.pool.query({ ...RELEASE, values: [userId, key, claimId] });
  }

  /** Deletes up to `batch` expired records; answers how many. */
  async purgeExpired(now: Date, batch: number): Promise<number> {
    const { rowCount } = await this.pool.query({ ...PURGE, values: [now, batch] });
    return rowCount ?? 0;
  }
}
