import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks (issue 17). `webhook`: a user's endpoints (at most 10, counted by the service under a
 * lock of the owner's row). The signing secrets are stored sealed with BETTER_AUTH_SECRET (we
 * must sign with them, so a hash will not do); during a rotation the previous one is kept until
 * `previous_secret_expires_at`.
 *
 * `webhook_delivery` is the outbox: a task write inserts one row per matching enabled webhook in
 * its own statement (see tasks.repository.ts), with the task as answered then (`payload`). The
 * worker claims due rows (SKIP LOCKED) and records each attempt's outcome on the row. The partial
 * index holds only the rows still to deliver: what the worker reads. A row trigger NOTIFYs the
 * workers, so a delivery leaves within about a second of the commit (NOTIFY is sent at commit,
 * and a transaction's identical notifications are folded into one).
 */
export class CreateWebhooks1764000001820 implements MigrationInterface {
  name = 'CreateWebhooks1764000001820';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create table "webhook" (
      "id" uuid primary key default gen_random_uuid(),
      "owner_id" uuid not null references "user" ("id") on delete cascade,
      "url" varchar(2048) not null,
      "events" text[] not null,
      "description" varchar(200) not null default '',
      "enabled" boolean not null default true,
      "disabled_reason" varchar(16) check ("disabled_reason" in ('failing', 'by_user')),
      "failing_since" timestamptz(3),
      "secret_sealed" text not null,
      "previous_secret_sealed" text,
      "secret_rotated_at" timestamptz(3),
      "previous_secret_expires_at" timestamptz(3),
      "created_at" timestamptz(3) not null default now(),
      "updated_at" timestamptz(3) not null default now())`);
    await queryRunner.query(`create index "webhook_owner_idx" on "webhook" ("owner_id", "created_at")`);
    await queryRunner.query(`create table "webhook_delivery" (
      "id" uuid primary key default gen_random_uuid(),
      "webhook_id" uuid not null references "webhook" ("id") on delete cascade,
      "event_id" varchar(40) not null unique default 'evt_' || replace(gen_random_uuid()::text, '-', ''),
      "event" varchar(32) not null,
      "payload" jsonb not null,
      "occurred_at" timestamptz(3) not null default now(),
      "status" varchar(16) not null default 'pending'
        check ("status" in ('pending', 'succeeded', 'retrying', 'failed')),
      "attempt" integer not null default 0,
      "next_attempt_at" timestamptz(3) default now(),
      "response_status" integer,
      "duration_ms" integer,
      "error" varchar(32),
      "last_attempt_at" timestamptz(3),
      "created_at" timestamptz(3) not null default now())`);
    await queryRunner.query(
      `create index "webhook_delivery_due_idx" on "webhook_delivery" ("next_attempt_at") where "status" in ('pending', 'retrying')`,
    );
    await queryRunner.query(
      `create index "webhook_delivery_log_idx" on "webhook_delivery" ("webhook_id", "created_at" desc)`,
    );
    await queryRunner.query(`create function "webhook_delivery_notify"() returns trigger language plpgsql as $$
      begin
        perform pg_notify('webhook_deliveries', 'due');
        return null;
      end $$`);
    await queryRunner.query(`create trigger "webhook_delivery_notify" after insert on "webhook_delivery"
      for each row execute function "webhook_delivery_notify"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "webhook_delivery"`);
    await queryRunner.query(`drop function "webhook_delivery_notify"()`);
    await queryRunner.query(`drop table "webhook"`);
  }
}
