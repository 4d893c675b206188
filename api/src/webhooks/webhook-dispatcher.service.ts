import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { PgNotificationListener } from '../database/notifications/pg-notification-listener.js';
import { mails } from '../mail/mail-templates.js';
import { MailService } from '../mail/mail.service.js';
import { WEBHOOK_CLOCK, type WebhookClock } from './webhook-clock.js';
import { WEBHOOK_LIMITS } from './webhook-events.js';
import { WEBHOOK_NETWORK, type WebhookNetwork } from './webhook-network.js';
import { deliveryBody, deliveryHeaders } from './webhook-payload.js';
import { unsealSecret } from './webhook-secret.js';
import { attemptDelivery, type AttemptOutcome } from './webhook-sender.js';
import { type ClaimedDelivery, WebhooksRepository } from './webhooks.repository.js';

const BATCH = 20;
/** A claimed delivery is left alone this long: longer than an attempt can take (resolve + 10 s). */
const LEASE_SECONDS = 60;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 3 * 3600_000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
export const NOTIFY_CHANNEL = 'webhook_deliveries';

/**
 * When the next attempt is due after `attempt` failed ones: 30 s doubling up to 3 h, each wait
 * drawn between half and all of that (full jitter, so receivers that failed together are not
 * retried together); null once that would be more than 24 h after the event.
 */
export function nextAttemptAt(attempt: number, now: Date, eventAt: Date, random = Math.random): Date | null {
  const ceiling = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_WAIT_MS);
  const next = new Date(now.getTime() + ceiling * (0.5 + random() / 2));
  return next.getTime() - eventAt.getTime() > WEBHOOK_LIMITS.retryForHours * HOUR_MS ? null : next;
}

/**
 * Delivers webhooks, never inside a request: each instance claims due deliveries (SKIP LOCKED and
 * a lease: each attempt is made by one instance), makes the attempts, and records their outcome.
 * A task write's NOTIFY wakes every instance at once; a poll every WEBHOOK_POLL_SECONDS picks up
 * retries that came due and anything announced while no listener was up. Rows are in
 * PostgreSQL: a restart loses nothing, an attempt cut short is made again when its lease ends.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly listener: PgNotificationListener;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: WebhooksRepository,
    private readonly mail: MailService,
    @Inject(WEBHOOK_NETWORK) private readonly network: WebhookNetwork,
    @Inject(WEBHOOK_CLOCK) private readonly clock: WebhookClock,
  ) {
    this.listener = new PgNotificationListener({
      databaseUrl: config.databaseUrl,
      channel: NOTIFY_CHANNEL,
      applicationName: 'taskvault-webhooks',
      logger: this.logger,
      whileDown: 'deliveries leave at the next poll',
      onNotification: () => this.wake(),
      onListening: async () => this.wake(),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    this.timer = setInterval(() => this.wake(), this.config.webhooks.pollSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.listener.stop();
    await this.running;
  }

  /** Sweeps now (or right after the sweep in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sweepUntilQuiet().finally(() => (this.running = undefined));
  }

  /** Resolves when the sweeps in progress (and those asked for meanwhile) are done. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async sweepUntilQuiet(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.sweep();
      } catch (error) {
        this.logger.warn({ err: error }, 'webhook sweep failed; the next one retries');
      }
    } while (this.again && !this.stopped);
  }

  /** Makes every attempt due at `now` (the worker's clock by default); answers how many. */
  async sweep(now = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.repository.claimDue(now, BATCH, LEASE_SECONDS);
      await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
      total += claimed.length;
      if (claimed.length < BATCH || this.stopped) return total;
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const body = deliveryBody(delivery.event, delivery.payload, delivery.occurredAt);
    const secrets = await this.secretsOf(delivery);
    const outcome = await attemptDelivery(
      { url: delivery.url, body, headers: deliveryHeaders(delivery.eventId, body, secrets, new Date()) },
      this.network,
      this.config.webhooks.allowLoopback,
    );
    const now = this.clock.now();
    if (outcome.succeeded) {
      await this.repository.recordSuccess(delivery, outcome, now);
      return;
    }
    await this.recordFailure(delivery, outcome, now);
  }

  private async recordFailure(delivery: ClaimedDelivery, outcome: AttemptOutcome, now: Date): Promise<void> {
    const next = outcome.retry ? nextAttemptAt(delivery.attempt + 1, now, delivery.createdAt) : null;
    const disabled = await this.repository.recordFailure(
      delivery,
      outcome,
      now,
      next,
      WEBHOOK_LIMITS.disableAfterDays * DAY_MS,
      async ({ url, email }, client) => {
        await this.mail.send(
          mails.webhookDisabled(
            email,
            { url, days: WEBHOOK_LIMITS.disableAfterDays },
            new URL('/account/webhooks', this.config.publicUrl).href,
          ),
          client,
        );
      },
    );
    if (disabled) {
      this.mail.deliverSoon();
      this.logger.warn({ webhookId: delivery.webhookId }, 'webhook disabled after failing for days');
    }
  }

  /** The current secret, and the previous one while it is still valid (the clock decides). */
  private async secretsOf(delivery: ClaimedDelivery): Promise<string[]> {
    const key = this.config.authSecret;
    const secrets = [await unsealSecret(delivery.secretSealed, key)];
    if (
      delivery.previousSecretSealed &&
      delivery.previousSecretExpiresAt &&
      delivery.previousSecretExpiresAt.getTime() > this.clock.now().getTime()
    ) {
      secrets.push(await unsealSecret(delivery.previousSecretSealed, key));
    }
    return secrets;
  }
}
