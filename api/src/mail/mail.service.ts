import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import type { ClientBase } from 'pg';
import { AppConfig } from '../config/app-config.service.js';
import { JobQueue } from '../jobs/job-queue.service.js';
import type { OutgoingMail } from './mail-templates.js';
import { createMailTransport } from './mail-transport.js';

export const MAIL_QUEUE = 'mail';

/**
 * Sends mail through the job queue: `send` only stores the mail (a request never waits on SMTP);
 * a worker on one instance delivers it, and an SMTP failure is retried with exponential backoff.
 * Logs name the job and the kind of mail, never the address, the link or the token.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobQueue,
  ) {
    this.transport = createMailTransport(config.smtpUrl);
    const retry = config.mailRetry;
    jobs.define<OutgoingMail>({
      name: MAIL_QUEUE,
      pollSeconds: retry.pollSeconds,
      options: {
        retryLimit: retry.limit,
        retryDelay: retry.delaySeconds,
        retryBackoff: true,
        expireInSeconds: 120,
      },
      handle: (mail) => this.deliver(mail),
    });
  }

  /**
   * Stores the mail for delivery; with `db`, inside that client's transaction (see JobQueue.send):
   * call `deliverSoon` after the commit.
   */
  async send(mail: OutgoingMail, db?: ClientBase): Promise<void> {
    await this.jobs.send(MAIL_QUEUE, mail, db);
  }

  /** Starts delivering queued mail now rather than at the worker's next poll. */
  deliverSoon(): void {
    this.jobs.wake(MAIL_QUEUE);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  private async deliver(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      this.logger.log({ mail: mail.kind }, 'mail sent');
    } catch (error) {
      // Only the SMTP error's code and response line: never the message's content.
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      this.logger.warn({ mail: mail.kind, code, responseCode }, 'mail not sent; it will be retried');
      throw new Error(`SMTP delivery failed (${code ?? responseCode ?? 'unknown'})`, { cause: error });
    }
  }
}
