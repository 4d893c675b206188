import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { RecentRevocations, REVOCATION_SKEW_SECONDS } from '../revocations/recent-revocations.js';
import { OAUTH_ACCESS_TOKEN_TTL_SECONDS } from './oauth-provider.config.js';

/**
 * Which OAuth grants (a user's authorization of one app) ended within the access-token lifetime,
 * so the JWT access tokens minted before are refused: the OAuth twin of SessionRevocationService.
 *
 * Triggers (migration CreateOAuthTables1764000001200) record every ended grant — consent revoked,
 * app deleted, refresh token reused or revoked — in `oauth_grant_revocation` and NOTIFY; every
 * instance keeps `user client → revoked at` in memory (RecentRevocations). A token issued after
 * the revocation (the user authorized the app again) is accepted. While the LISTEN connection is
 * down the check asks the database.
 */
@Injectable()
export class OAuthGrantRevocationService implements OnModuleInit, OnApplicationShutdown {
  private readonly revocations: RecentRevocations;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.revocations = new RecentRevocations({
      databaseUrl: config.databaseUrl,
      dataSource,
      channel: 'oauth_grant_revoked',
      table: 'oauth_grant_revocation',
      applicationName: 'taskvault-oauth-revocations',
      logger: new Logger(OAuthGrantRevocationService.name),
      whileDown: 'checking OAuth grants in the database until it is back',
      windowSeconds: OAUTH_ACCESS_TOKEN_TTL_SECONDS + REVOCATION_SKEW_SECONDS,
      parse: parseNotification,
      loadRecent: async (client, windowSeconds) => {
        const { rows } = await client.query<{ user_id: string; client_id: string; at: string }>(
          `select "user_id", "client_id", extract(epoch from max("revoked_at")) * 1000 as "at" from "oauth_grant_revocation"
           where "revoked_at" > now() - make_interval(secs => $1) group by "user_id", "client_id"`,
          [windowSeconds],
        );
        return rows.map((row) => ({ key: key(row.user_id, row.client_id), revokedAt: Number(row.at) }));
      },
    });
  }

  onModuleInit(): Promise<void> {
    return this.revocations.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.revocations.stop();
  }

  /** True when the user's grant to the client ended at or after the token was issued (milliseconds). */
  async isRevoked(userId: string, clientId: string, issuedAtMs: number): Promise<boolean> {
    if (!this.revocations.listening) {
      const rows: unknown[] = await this.dataSource.query(
        `select 1 from "oauth_grant_revocation" where "user_id" = $1 and "client_id" = $2 and "revoked_at" >= to_timestamp($3::float8 / 1000)`,
        [userId, clientId, issuedAtMs],
      );
      return rows.length > 0;
    }
    const at = this.revocations.revokedAtOf(key(userId, clientId));
    return at !== undefined && issuedAtMs <= at;
  }
}

/** `<user id> <client id> <revoked at, epoch ms>`, as the trigger sends it. */
function parseNotification(payload: string): { key: string; revokedAt: number } | undefined {
  const [userId, clientId, at] = payload.split(' ');
  const revokedAt = Number(at);
  if (!userId || !clientId || !Number.isFinite(revokedAt)) return undefined;
  return { key: key(userId, clientId), revokedAt };
}

function key(userId: string, clientId: string): string {
  return `${userId} ${clientId}`;
}
