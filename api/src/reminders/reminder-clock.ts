import { readFileSync } from 'node:fs';

/**
 * The reminders' notion of now. Tests move it forward through a file (REMINDER_CLOCK_OFFSET_FILE)
 * instead of waiting for reminders to come due; without the file it is the real clock.
 */
export class ReminderClock {
  constructor(private readonly offsetFile: string | undefined) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs());
  }

  private offsetMs(): number {
    if (!this.offsetFile) return 0;
    try {
      const offset = Number(readFileSync(this.offsetFile, 'utf8').trim());
      return Number.isFinite(offset) ? offset : 0;
    } catch {
      return 0; // no file yet: no offset
    }
  }
}
