import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { PgNotificationListener } from '../../database/notifications/pg-notification-listener.js';

const CHANNEL = 'session_revoked';
const PRUNE_INTERVAL_MS = 60_000;
/** Clock skew allowed between instances and the database when deciding what is still relevant. */
const SKEW_SECONDS = 60;

/**
 * Which sessions ended within the longest JWT lifetime, so their JWTs are refused.
 *
 * Sessions removed from the `session` table (sign-out, revoke, password change, user deletion)
 * are recorded by a trigger in `session_revocation` and announced with NOTIFY. Every instance
 * LISTENs and keeps the set in memory: checking a request costs no database round trip, and a
 * sign-out on any instance reaches all of them in milliseconds. A JWT can outlive its session by
 * at most JWT_TTL_SECONDS, so entries older than that are dropped.
 *
 * While the LISTEN connection is down the set may be stale, so the check falls back to asking
 * the database whether the session still exists (fail closed, slower, never wrong).
 */
@Injectable()
export class SessionRevocationService implements OnModuleInit, OnApplicationShutdown {
  private readonly revokedAt = new Map<string, number>();
  private readonly listener: PgNotificationListener;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.listener = new PgNotificationListener({
      databaseUrl: config.databaseUrl,
      channel: CHANNEL,
      applicationName: 'taskvault-revocations',
      logger: new Logger(SessionRevocationService.name),
      whileDown: 'checking sessions in the database until it is back',
      onNotification: (sessionId) => this.revokedAt.set(sessionId, Date.now()),
      onListening: (client) => this.loadRecent(client),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.listener.stop();
  }

  /** True when the session has ended; JWTs minted from it must be refused. */
  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.revokedAt.has(sessionId)) return true;
    if (this.listener.listening) return false;
    const rows = await this.dataSource.query('select 1 from "session" where "id" = $1', [sessionId]);
    return rows.length === 0;
  }

  private async loadRecent(client: pg.Client): Promise<void> {
    const window = this.config.jwtTtlSeconds + SKEW_SECONDS;
    const { rows } = await client.query<{ session_id: string }>(
      `select "session_id" from "session_revocation" where "revoked_at" > now() - make_interval(secs => $1)`,
      [window],
    );
    const now = Date.now();
    for (const row of rows) this.revokedAt.set(row.session_id, now);
  }

  private prune(): void {
    const horizon = Date.now() - (this.config.jwtTtlSeconds + SKEW_SECONDS) * 1000;
    for (const [sessionId, at] of this.revokedAt) if (at < horizon) this.revokedAt.delete(sessionId);
    // Any instance may clear old rows; a day keeps them long enough to debug with.
    this.dataSource
      .query(`delete from "session_revocation" where "revoked_at" < now() - interval '1 day'`)
      .catch(() => undefined);
  }
}
