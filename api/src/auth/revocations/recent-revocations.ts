import type { Logger } from '@nestjs/common';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { PgNotificationListener } from '../../database/notifications/pg-notification-listener.js';

const PRUNE_INTERVAL_MS = 60_000;
/** Clock skew allowed between instances and the database when deciding what is still relevant. */
export const REVOCATION_SKEW_SECONDS = 60;

export interface RecentRevocationsOptions {
  databaseUrl: string;
  dataSource: DataSource;
  /** The NOTIFY channel a trigger announces each revocation on. */
  channel: string;
  /** The table that trigger writes; any instance clears rows older than a day. */
  table: string;
  applicationName: string;
  logger: Logger;
  /** What the lost connection means for callers, for the warning an operator reads. */
  whileDown: string;
  /** How long a revocation matters: the longest lifetime of a token it refuses, plus skew. */
  windowSeconds: number;
  /** A notification's key and revocation time (epoch ms), or undefined when malformed. */
  parse(payload: string): { key: string; revokedAt: number } | undefined;
  /** The revocations within the window, read on every (re)connection to catch up. */
  loadRecent(client: pg.Client, windowSeconds: number): Promise<Array<{ key: string; revokedAt: number }>>;
}

/**
 * What was revoked within a window, kept in memory from LISTEN/NOTIFY so that checking a token
 * costs no database round trip and a revocation on any instance reaches all of them in
 * milliseconds. Only `listening` makes the set trustworthy: while the connection is down, callers
 * ask the database instead (fail closed, slower, never wrong).
 */
export class RecentRevocations {
  private readonly revokedAt = new Map<string, number>();
  private readonly listener: PgNotificationListener;
  private pruneTimer?: NodeJS.Timeout;

  constructor(private readonly options: RecentRevocationsOptions) {
    this.listener = new PgNotificationListener({
      databaseUrl: options.databaseUrl,
      channel: options.channel,
      applicationName: options.applicationName,
      logger: options.logger,
      whileDown: options.whileDown,
      onNotification: (payload) => {
        const entry = options.parse(payload);
        if (entry) this.record(entry.key, entry.revokedAt);
      },
      onListening: async (client) => {
        for (const { key, revokedAt } of await options.loadRecent(client, options.windowSeconds))
          this.record(key, revokedAt);
      },
    });
  }

  /** True while every revocation is certain to be in memory. */
  get listening(): boolean {
    return this.listener.listening;
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.listener.stop();
  }

  /** When `key` was last revoked (epoch ms), if within the window. */
  revokedAtOf(key: string): number | undefined {
    return this.revokedAt.get(key);
  }

  private record(key: string, revokedAt: number): void {
    this.revokedAt.set(key, Math.max(this.revokedAt.get(key) ?? 0, revokedAt));
  }

  private prune(): void {
    const horizon = Date.now() - this.options.windowSeconds * 1000;
    for (const [key, at] of this.revokedAt) if (at < horizon) this.revokedAt.delete(key);
    // A day keeps the rows long enough to debug with.
    this.options.dataSource
      .query(`delete from "${this.options.table}" where "revoked_at" < now() - interval '1 day'`)
      .catch(() => undefined);
  }
}
