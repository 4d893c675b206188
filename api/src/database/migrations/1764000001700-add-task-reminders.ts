import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders (issue 16). `remind_at` is when the owner is reminded: given as is, or computed as
 * due_at minus `remind_minutes_before` (and moved with the due date). `reminder_sent_at` is set
 * by the sweep that claims the reminder, in the transaction that queues its mail: a reminder is
 * sent once across instances and restarts. Changing the reminder or the due date re-arms it.
 * The partial index holds only the reminders still to send: what the sweep reads.
 * `user."reminderEmails"`: the owner may turn the mails off.
 */
export class AddTaskReminders1764000001700 implements MigrationInterface {
  name = 'AddTaskReminders1764000001700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "task"
      add column "remind_at" timestamptz(3),
      add column "remind_minutes_before" integer,
      add column "reminder_sent_at" timestamptz(3),
      add constraint "task_reminder_before_due_check" check ("remind_minutes_before" is null or "due_at" is not null)`);
    await queryRunner.query(
      `create index "task_reminder_pending_idx" on "task" ("remind_at") where "reminder_sent_at" is null and "completed" = false`,
    );
    await queryRunner.query(`alter table "user" add column "reminderEmails" boolean not null default true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "user" drop column "reminderEmails"`);
    await queryRunner.query(`drop index "task_reminder_pending_idx"`);
    await queryRunner.query(`alter table "task"
      drop constraint "task_reminder_before_due_check",
      drop column "reminder_sent_at",
      drop column "remind_minutes_before",
      drop column "remind_at"`);
  }
}
