import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring tasks and the owner's time zone (issue 16).
 * - `recurrence`: the canonical RRULE text; `recurrence_anchor`: the wall-clock date and time the
 *   owner chose ("2026-03-02T09:00:00"), so "every Monday 9:00" stays 9:00 across DST.
 * - `next_task_id`: the occurrence this one's completion created. Completion creates a next only
 *   while it is null, under the row lock of the completing UPDATE: retries, two tabs and two
 *   instances find it set and create nothing.
 * - `recurrence_index`: which occurrence of its series this task is; no series passes 1,000.
 * - A recurring task needs a due date: a CHECK, so no path can store one without.
 * - `user."timeZone"`: an IANA name; UTC until the owner sets one.
 */
export class AddTaskRecurrence1764000001600 implements MigrationInterface {
  name = 'AddTaskRecurrence1764000001600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "task"
      add column "recurrence" varchar(200),
      add column "recurrence_anchor" varchar(19),
      add column "recurrence_index" integer not null default 1,
      add column "next_task_id" uuid,
      add constraint "task_next_task_fk" foreign key ("next_task_id") references "task"("id") on delete set null,
      add constraint "task_recurrence_needs_due_check" check ("recurrence" is null or ("due_at" is not null and "recurrence_anchor" is not null))`);
    await queryRunner.query(
      `create index "task_next_task_idx" on "task" ("next_task_id") where "next_task_id" is not null`,
    );
    await queryRunner.query(`alter table "user" add column "timeZone" varchar(64) not null default 'UTC'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "user" drop column "timeZone"`);
    await queryRunner.query(`drop index "task_next_task_idx"`);
    await queryRunner.query(`alter table "task"
      drop constraint "task_recurrence_needs_due_check",
      drop constraint "task_next_task_fk",
      drop column "next_task_id",
      drop column "recurrence_index",
      drop column "recurrence_anchor",
      drop column "recurrence"`);
  }
}
