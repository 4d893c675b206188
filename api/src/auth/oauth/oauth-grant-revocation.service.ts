import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { PgNotificationListener } from '../../database/notifications/pg-notification-listener.js';
import { OAUTH_ACCESS_TOKEN_TTL_SECONDS } from './oauth-provider.config.js';

const CHANNEL = 'oauth_grant_revoked';
const PRUNE_INTERVAL_MS = 60_000;
const SKEW_SECONDS = 60;

/**
 * Which OAuth grants (a user's authorization of one app) ended within the access-token lifetime,
 * so the JWT access tokens minted before are refused: the OAuth twin of SessionRevocationService.
 *
 * Triggers (migration CreateOAuthTables1764000001200) record every ended grant — consent revoked,
 * app deleted, refresh token reused or revoked — in `oauth_grant_revocation` and NOTIFY; every
 * instance LISTENs and keeps `user client → revoked at` in memory, so a check costs no database
 * round trip and a revocation reaches every instance in milliseconds. A token issued after the
 * revocation (the user authorized the app again) is accepted. While the LISTEN connection is down
 * the check asks the database (fail closed, slower, never wrong).
 */
@Injectable()
export class OAuthGrantRevocationService implements OnModuleInit, OnApplicationShutdown {
  private readonly revokedAt = new Map<string, number>();
  private readonly listener: PgNotificationListener;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.listener = new PgNotificationListener({
      databaseUrl: config.databaseUrl,
      channel: CHANNEL,
      applicationName: 'taskvault-oauth-revocations',
      logger: new Logger(OAuthGrantRevocationService.name),
      whileDown: 'checking OAuth grants in the database until it is back',
      onNotification: (payload) => this.record(payload),
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

  /** True when the user's grant to the client ended at or after the token was issued (milliseconds). */
  async isRevoked(userId: string, clientId: string, issuedAtMs: number): Promise<boolean> {
    if (!this.listener.listening) {
      const rows: unknown[] = await this.dataSource.query(
        `select 1 from "oauth_grant_revocation" where "user_id" = $1 and "client_id" = $2 and "revoked_at" >= to_timestamp($3::float8 / 1000)`,
        [userId, clientId, issuedAtMs],
      );
      return rows.length > 0;
    }
    const at = this.revokedAt.get(key(userId, clientId));
    return at !== undefined && issuedAtMs <= at;
  }

  /** `<user id> <client id> <revoked at, epoch ms>`, as the trigger sends it. */
  private record(payload: string): void {
    const [userId, clientId, at] = payload.split(' ');
    const revokedAt = Number(at);
    if (!userId || !clientId || !Number.isFinite(revokedAt)) return;
    const id = key(userId, clientId);
    this.revokedAt.set(id, Math.max(this.revokedAt.get(id) ?? 0, revokedAt));
  }

  private async loadRecent(client: pg.Client): Promise<void> {
    const { rows } = await client.query<{ user_id: string; client_id: string; at: string }>(
      `select "user_id", "client_id", extract(epoch from max("revoked_at")) * 1000 as "at" from "oauth_grant_revocation"
       where "revoked_at" > now() - make_interval(secs => $1) group by "user_id", "client_id"`,
      [OAUTH_ACCESS_TOKEN_TTL_SECONDS + SKEW_SECONDS],
    );
    for (const row of rows) this.record(`${row.user_id} ${row.client_id} ${row.at}`);
  }

  private prune(): void {
    const horizon = Date.now() - (OAUTH_ACCESS_TOKEN_TTL_SECONDS + SKEW_SECONDS) * 1000;
    for (const [id, at] of this.revokedAt) if (at < horizon) this.revokedAt.delete(id);
    this.dataSource
      .query(`delete from "oauth_grant_revocation" where "revoked_at" < now() - interval '1 day'`)
      .catch(() => undefined);
  }
}

function key(userId: string, clientId: string): string {
  return `${userId} ${clientId}`;
}
