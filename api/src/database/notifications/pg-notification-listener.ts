import type { Logger } from '@nestjs/common';
import pg from 'pg';

const RECONNECT_DELAY_MS = 1_000;

export interface NotificationListenerOptions {
  databaseUrl: string;
  channel: string;
  /** Shown in pg_stat_activity, so operators can tell the listening connections apart. */
  applicationName: string;
  logger: Logger;
  /** What the lost connection means for callers, for the warning an operator reads. */
  whileDown: string;
  onNotification(payload: string): void;
  /**
   * Runs after LISTEN and before the listener counts as up, on every (re)connection: the place
   * to catch up on what was announced while nobody listened. LISTEN comes first, so nothing
   * announced in between is missed.
   */
  onListening(client: pg.Client): Promise<void>;
  /** Runs when the connection is lost: from now on notifications may be missed. */
  onLost?(): void;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel and reconnects (after 1 s) when
 * it drops. `listening` is true only while notifications are certain to arrive, so callers can
 * trust their in-memory state then and fall back to the database otherwise (fail closed).
 */
export class PgNotificationListener {
  private client?: pg.Client;
  private up = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly options: NotificationListenerOptions) {}

  get listening(): boolean {
    return this.up;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.up = false;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const { databaseUrl, applicationName, channel } = this.options;
    const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload) this.options.onNotification(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
      await this.options.onListening(client);
      this.client = client;
      this.up = true;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client && this.client !== client) return;
    this.up = false;
    this.client = undefined;
    if (this.stopped) return;
    this.options.onLost?.();
    if (this.reconnectTimer) return;
    this.options.logger.warn(
      { err: error },
      `${this.options.channel} listener disconnected; ${this.options.whileDown}`,
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
