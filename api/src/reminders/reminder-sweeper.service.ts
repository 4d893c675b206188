import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppConfig } from '../config/app-config.service.js';
import { mails } from '../mail/mail-templates.js';
import { MailService } from '../mail/mail.service.js';
import { ReminderClock } from './reminder-clock.js';
import { RemindersRepository } from './reminders.repository.js';

const BATCH = 100;

/**
 * Sends reminders when they come due. Each instance sweeps every REMINDER_POLL_SECONDS; a sweep
 * claims due reminders (SKIP LOCKED: each goes to one instance) and queues their mails in the same
 * transaction, so a reminder is mailed once, and a crash before the commit leaves it to the next
 * sweep. The mail queue then retries SMTP as for every other mail. A deleted task has no row, a
 * completed one is skipped, an edited one was re-armed at its new time by the edit itself.
 */
@Injectable()
export class ReminderSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSweeper.name);
  private readonly clock: ReminderClock;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly reminders: RemindersRepository,
    private readonly mail: MailService,
  ) {
    this.clock = new ReminderClock(config.reminders.clockOffsetFile);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'reminder sweep failed; the next one retries'))
        .finally(() => (this.sweeping = undefined));
    }, this.config.reminders.pollSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Sends every reminder due at `now` (the reminders' clock by default); answers how many. */
  async sweep(now = this.clock.now()): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.reminders.claimDue(now, BATCH, async (due, client) => {
        for (const reminder of due) {
          if (!reminder.reminderEmails) continue;
          const dueText = reminder.dueAt
            ? DateTime.fromJSDate(reminder.dueAt, { zone: reminder.timeZone }).toFormat(
                "cccc d LLLL yyyy 'at' HH:mm (z)",
              )
            : null;
          await this.mail.send(
            mails.taskReminder(reminder.email, { title: reminder.title, due: dueText }, this.config.publicUrl),
            client,
          );
        }
      });
      total += claimed;
      if (claimed < BATCH) break;
    }
    if (total > 0) {
      this.mail.deliverSoon();
      this.logger.log({ reminders: total }, 'reminders sent');
    }
    return total;
  }
}
