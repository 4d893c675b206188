import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import {
  type DeliveryError,
  type DeliveryStatus,
  type DisabledReason,
  TEST_EVENT,
  WEBHOOK_LIMITS,
  type WebhookEvent,
} from './webhook-events.js';

export interface WebhookRow {
  id: string;
  ownerId: string;
  url: string;
  events: WebhookEvent[];
  description: string;
  enabled: boolean;
  disabledReason: DisabledReason | null;
  failingSince: Date | null;
  secretRotatedAt: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryRow {
  id: string;
  eventId: string;
  event: string;
  status: DeliveryStatus;
  attempt: number;
  responseStatus: number | null;
  durationMs: number | null;
  error: DeliveryError | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
}

/** A delivery a worker claimed, with what sending it needs. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  event: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  createdAt: Date;
  /** Attempts made before this one. */
  attempt: number;
  webhookId: string;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface WebhookChanges {
  url?: string;
  events?: WebhookEvent[];
  description?: string;
  enabled?: boolean;
}

const COLUMNS = `id, owner_id AS "ownerId", url, events, description, enabled, disabled_reason AS "disabledReason",
  failing_since AS "failingSince", secret_rotated_at AS "secretRotatedAt",
  previous_secret_expires_at AS "previousSecretExpiresAt", created_at AS "createdAt", updated_at AS "updatedAt"`;
const DELIVERY_COLUMNS = `d.id, d.event_id AS "eventId", d.event, d.status, d.attempt, d.response_status AS "responseStatus",
  d.duration_ms AS "durationMs", d.error, d.next_attempt_at AS "nextAttemptAt", d.created_at AS "createdAt",
  d.last_attempt_at AS "lastAttemptAt"`;

/** Deliveries of a webhook that is turned off will not be made: they end as failed (test events excepted). */
const CANCEL_PENDING = (webhooks: string) => `UPDATE webhook_delivery d SET status = 'failed', next_attempt_at = NULL
  FROM ${webhooks} w WHERE d.webhook_id = w.id AND NOT w.enabled
    AND d.status IN ('pending', 'retrying') AND d.event <> '${TEST_EVENT}'`;

const S = {
  lockOwner: {
    name: 'webhooks-lock-owner',
    text: `SELECT pg_advisory_xact_lock(hashtextextended('taskvault:webhooks:' || $1::text, 0))`,
  },
  insert: {
    name: 'webhooks-insert',
    text: `INSERT INTO webhook (owner_id, url, events, description, secret_sealed)
      SELECT $1::uuid, $2::varchar, $3::text[], $4::varchar, $5::text
      WHERE (SELECT count(*) FROM webhook WHERE owner_id = $1::uuid) < $6::int
      RETURNING ${COLUMNS}`,
  },
  list: {
    name: 'webhooks-list',
    text: `SELECT ${COLUMNS} FROM webhook WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${WEBHOOK_LIMITS.perUserMax}`,
  },
  find: { name: 'webhooks-find', text: `SELECT ${COLUMNS} FROM webhook WHERE id = $1 AND owner_id = $2` },
  update: {
    name: 'webhooks-update',
    text: `WITH w AS (
        UPDATE webhook SET
          url = coalesce($3::varchar, url),
          events = coalesce($4::text[], events),
          description = coalesce($5::varchar, description),
          enabled = coalesce($6::boolean, enabled),
          disabled_reason = CASE
            WHEN $6::boolean IS NULL THEN disabled_reason
            WHEN $6::boolean THEN NULL
            WHEN enabled THEN 'by_user'
            ELSE disabled_reason END,
          failing_since = CASE WHEN $6::boolean THEN NULL ELSE failing_since END,
          updated_at = now()
        WHERE id = $1 AND owner_id = $2
        RETURNING ${COLUMNS}),
      cancelled AS (${CANCEL_PENDING('w')})
      SELECT * FROM w`,
  },
  delete: { name: 'webhooks-delete', text: 'DELETE FROM webhook WHERE id = $1 AND owner_id = $2' },
  rotate: {
    name: 'webhooks-rotate',
    text: `UPDATE webhook SET previous_secret_sealed = secret_sealed, secret_sealed = $3,
        secret_rotated_at = now(), previous_secret_expires_at = now() + interval '${WEBHOOK_LIMITS.previousSecretHours} hours',
        updated_at = now()
      WHERE id = $1 AND owner_id = $2
      RETURNING ${COLUMNS}`,
  },
  queueTest: {
    name: 'webhooks-queue-test',
    text: `INSERT INTO webhook_delivery (webhook_id, event, payload)
      SELECT id, '${TEST_EVENT}', jsonb_build_object('webhookId', id) FROM webhook WHERE id = $1 AND owner_id = $2
      RETURNING id`,
  },
  deliveries: {
    name: 'webhooks-deliveries',
    text: `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
      WHERE w.id = $1 AND w.owner_id = $2
      ORDER BY d.created_at DESC, d.id DESC LIMIT ${WEBHOOK_LIMITS.deliveriesListed}`,
  },
  /**
   * Claims due deliveries: SKIP LOCKED gives each to one worker, and the lease (next_attempt_at
   * pushed past the attempt's longest run) keeps other workers off it after the claim commits.
   * A worker that dies mid-attempt leaves the row to be claimed again when the lease ends: at
   * least once. Deliveries of a disabled webhook wait (test events excepted). `attempt` counts
   * attempts made: it moves when an outcome is recorded, so the log never shows one in flight
   * as made.
   */
  claim: {
    name: 'webhooks-claim',
    text: `WITH due AS (
        SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
        WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= $1::timestamptz
          AND (w.enabled OR d.event = '${TEST_EVENT}')
        ORDER BY d.next_attempt_at
        LIMIT $2
        FOR UPDATE OF d SKIP LOCKED)
      UPDATE webhook_delivery d SET next_attempt_at = $1::timestamptz + make_interval(secs => $3::int)
      FROM due, webhook w
      WHERE d.id = due.id AND w.id = d.webhook_id
      RETURNING d.id, d.event_id AS "eventId", d.event, d.payload, d.occurred_at AS "occurredAt",
        d.created_at AS "createdAt", d.attempt, w.id AS "webhookId", w.url, w.secret_sealed AS "secretSealed",
        w.previous_secret_sealed AS "previousSecretSealed", w.previous_secret_expires_at AS "previousSecretExpiresAt"`,
  },
  record: {
    name: 'webhooks-record-attempt',
    text: `UPDATE webhook_delivery SET status = $2, response_status = $3, duration_ms = $4, error = $5,
        last_attempt_at = $6, next_attempt_at = $7, attempt = attempt + 1
      WHERE id = $1`,
  },
  succeeded: {
    name: 'webhooks-succeeded',
    text: 'UPDATE webhook SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL',
  },
  failed: {
    name: 'webhooks-failed',
    text: `UPDATE webhook SET failing_since = coalesce(failing_since, $2::timestamptz) WHERE id = $1
      RETURNING failing_since AS "failingSince", enabled`,
  },
  disableFailing: {
    name: 'webhooks-disable-failing',
    text: `WITH w AS (
        UPDATE webhook SET enabled = false, disabled_reason = 'failing', updated_at = now()
        WHERE id = $1 AND enabled
        RETURNING id, enabled, url, owner_id),
      cancelled AS (${CANCEL_PENDING('w')})
      SELECT w.url, u.email FROM w JOIN "user" u ON u.id = w.owner_id`,
  },
};

/**
 * The only access to webhooks and their deliveries. Every method a user's request reaches takes
 * the owner and puts it in the SQL: someone else's webhook is not found. The worker's methods
 * (claim, record) act on rows it claimed, by id.
 */
@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  private async rows<T extends QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
    db: Pool | PoolClient = this.pool,
  ): Promise<T[]> {
    return (await db.query<T>({ ...statement, values })).rows;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Inserts the webhook unless the owner has `max` already; creations of one owner take turns. */
  async createForOwner(
    ownerId: string,
    fields: { url: string; events: WebhookEvent[]; description: string; secretSealed: string },
    max: number,
  ): Promise<WebhookRow | 'limit'> {
    return this.transaction(async (client) => {
      await client.query({ ...S.lockOwner, values: [ownerId] });
      const [row] = await this.rows<WebhookRow>(
        S.insert,
        [ownerId, fields.url, fields.events, fields.description, fields.secretSealed, max],
        client,
      );
      return row ?? 'limit';
    });
  }

  listForOwner(ownerId: string): Promise<WebhookRow[]> {
    return this.rows<WebhookRow>(S.list, [ownerId]);
  }

  async findOneForOwner(id: string, ownerId: string): Promise<WebhookRow | null> {
    return (await this.rows<WebhookRow>(S.find, [id, ownerId]))[0] ?? null;
  }

  async updateForOwner(id: string, ownerId: string, changes: WebhookChanges): Promise<WebhookRow | null> {
    const [row] = await this.rows<WebhookRow>(S.update, [
      id,
      ownerId,
      changes.url ?? null,
      changes.events ?? null,
      changes.description ?? null,
      changes.enabled ?? null,
    ]);
    return row ?? null;
  }

  async deleteForOwner(id: string, ownerId: string): Promise<boolean> {
    return Boolean((await this.pool.query({ ...S.delete, values: [id, ownerId] })).rowCount);
  }

  async rotateSecretForOwner(id: string, ownerId: string, secretSealed: string): Promise<WebhookRow | null> {
    return (await this.rows<WebhookRow>(S.rotate, [id, ownerId, secretSealed]))[0] ?? null;
  }

  async queueTestForOwner(id: string, ownerId: string): Promise<string | null> {
    return (await this.rows<{ id: string }>(S.queueTest, [id, ownerId]))[0]?.id ?? null;
  }

  listDeliveriesForOwner(id: string, ownerId: string): Promise<DeliveryRow[]> {
    return this.rows<DeliveryRow>(S.deliveries, [id, ownerId]);
  }

  claimDue(now: Date, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
    return this.rows<ClaimedDelivery>(S.claim, [now, limit, leaseSeconds]);
  }

  async recordSuccess(
    delivery: ClaimedDelivery,
    outcome: { responseStatus: number | null; durationMs: number },
    now: Date,
  ): Promise<void> {
    await this.transaction(async (client) => {
      await client.query({
        ...S.record,
        values: [delivery.id, 'succeeded', outcome.responseStatus, outcome.durationMs, null, now, null],
      });
      await client.query({ ...S.succeeded, values: [delivery.webhookId] });
    });
  }

  /**
   * Records a failed attempt (`nextAttemptAt` null: no more) and marks the webhook failing since
   * now unless it already was. When it has been failing for `disableAfter`, it is disabled in the
   * same transaction and `onDisabled` runs there (to queue the owner's mail with it).
   */
  async recordFailure(
    delivery: ClaimedDelivery,
    outcome: { responseStatus: number | null; durationMs: number; error: DeliveryError | null },
    now: Date,
    nextAttemptAt: Date | null,
    disableAfterMs: number,
    onDisabled: (disabled: { url: string; email: string }, client: PoolClient) => Promise<void>,
  ): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query({
        ...S.record,
        values: [
          delivery.id,
          nextAttemptAt ? 'retrying' : 'failed',
          outcome.responseStatus,
          outcome.durationMs,
          outcome.error,
          now,
          nextAttemptAt,
        ],
      });
      if (delivery.event === TEST_EVENT) return false; // a test of an endpoint says nothing of its events
      const [webhook] = await this.rows<{ failingSince: Date; enabled: boolean }>(
        S.failed,
        [delivery.webhookId, now],
        client,
      );
      if (!webhook?.enabled || now.getTime() - webhook.failingSince.getTime() < disableAfterMs) return false;
      const [disabled] = await this.rows<{ url: string; email: string }>(
        S.disableFailing,
        [delivery.webhookId],
        client,
      );
      if (disabled) await onDisabled(disabled, client);
      return Boolean(disabled);
    });
  }
}
