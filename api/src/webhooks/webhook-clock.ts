import { ReminderClock } from '../reminders/reminder-clock.js';

/** The webhook worker's notion of now: when deliveries are due, retried, given up, disabled. */
export interface WebhookClock {
  now(): Date;
}

export const WEBHOOK_CLOCK = Symbol('WEBHOOK_CLOCK');

/**
 * The real clock, run ahead by the milliseconds in WEBHOOK_CLOCK_OFFSET_FILE when set (tests move
 * time forward instead of waiting; the reminders' clock reads its file the same way). Signatures
 * always carry the real time: receivers compare it with theirs.
 */
export function webhookClock(offsetFile: string | undefined): WebhookClock {
  return new ReminderClock(offsetFile);
}
