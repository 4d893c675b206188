import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';

const CHANNEL = 'session_revoked';
const RECONNECT_DELAY_MS = 1_000;
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
  private readonly logger = new Logger(SessionRevocationService.name);
  private readonly revokedAt = new Map<string, number>();
  private listener?: pg.Client;
  private listening = false;
  private stopped = false;
  private pruneTimer?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pruneTimer);
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  /** True when the session has ended; JWTs minted from it must be refused. */
  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.revokedAt.has(sessionId)) return true;
    if (this.listening) return false;
    const rows = await this.dataSource.query('select 1 from "session" where "id" = $1', [sessionId]);
    return rows.length === 0;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.config.databaseUrl,
      application_name: 'taskvault-revocations',
    });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.revokedAt.set(message.payload, Date.now());
    });
    client.on('error', (error) => this.lostConnection(client, error));
    client.on('end', () => this.lostConnection(client));
    try {
      await client.connect();
      // LISTEN before reading the table, so nothing revoked in between is missed.
      await client.query(`listen ${CHANNEL}`);
      await this.loadRecent(client);
      this.listener = client;
      this.listening = true;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lostConnection(client, error);
    }
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

  private lostConnection(client: pg.Client, error?: unknown): void {
    if (this.listener && this.listener !== client) return;
    this.listening = false;
    this.listener = undefined;
    if (this.stopped || this.reconnectTimer) return;
    this.logger.warn(
      { err: error },
      'revocation listener disconnected; checking sessions in the database until it is back',
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
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
