import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { RecentRevocations, REVOCATION_SKEW_SECONDS } from '../revocations/recent-revocations.js';

/**
 * Which sessions ended within the longest JWT lifetime, so their JWTs are refused.
 *
 * Sessions removed from the `session` table (sign-out, revoke, password change, user deletion)
 * are recorded by a trigger in `session_revocation` and announced with NOTIFY; every instance
 * keeps the recent ones in memory (RecentRevocations). A JWT can outlive its session by at most
 * JWT_TTL_SECONDS, so older entries are dropped. While the LISTEN connection is down, the check
 * asks the database whether the session still exists.
 */
@Injectable()
export class SessionRevocationService implements OnModuleInit, OnApplicationShutdown {
  private readonly revocations: RecentRevocations;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.revocations = new RecentRevocations({
      databaseUrl: config.databaseUrl,
      dataSource,
      channel: 'session_revoked',
      table: 'session_revocation',
      applicationName: 'taskvault-revocations',
      logger: new Logger(SessionRevocationService.name),
      whileDown: 'checking sessions in the database until it is back',
      windowSeconds: config.jwtTtlSeconds + REVOCATION_SKEW_SECONDS,
      // The payload is the session id; any JWT of an ended session is refused, whenever minted.
      parse: (sessionId) => ({ key: sessionId, revokedAt: Date.now() }),
      loadRecent: async (client, windowSeconds) => {
        const { rows } = await client.query<{ session_id: string }>(
          `select "session_id" from "session_revocation" where "revoked_at" > now() - make_interval(secs => $1)`,
          [windowSeconds],
        );
        const now = Date.now();
        return rows.map((row) => ({ key: row.session_id, revokedAt: now }));
      },
    });
  }

  onModuleInit(): Promise<void> {
    return this.revocations.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.revocations.stop();
  }

  /** True when the session has ended; JWTs minted from it must be refused. */
  async isRevoked(sessionId: string): Promise<boolean> {
    if (this.revocations.revokedAtOf(sessionId) !== undefined) return true;
    if (this.revocations.listening) return false;
    const rows: unknown[] = await this.dataSource.query('select 1 from "session" where "id" = $1', [sessionId]);
    return rows.length === 0;
  }
}
