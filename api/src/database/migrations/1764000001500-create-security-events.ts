import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The security activity log (issue 15): one row per sign-in, failed sign-in, new device and
 * account change, written by the server code that does the action. No secrets: `detail` holds a
 * sign-in method, an app's client id or a token's name, never a password, token or code. Rows
 * older than 90 days are never listed and are deleted by a daily job.
 */
export class CreateSecurityEvents1764000001500 implements MigrationInterface {
  name = 'CreateSecurityEvents1764000001500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create table "security_event" (
        "id" uuid default pg_catalog.gen_random_uuid() not null primary key,
        "user_id" uuid not null references "user" ("id") on delete cascade,
        "kind" varchar(40) not null,
        "occurred_at" timestamptz default now() not null,
        "ip" varchar(64),
        "user_agent" varchar(512),
        "device" varchar(120),
        "session_id" uuid,
        "detail" jsonb default '{}'::jsonb not null
      )`,
    );
    await queryRunner.query(
      `create index "security_event_user_occurred" on "security_event" ("user_id", "occurred_at" desc, "id" desc)`,
    );
    // The retention job deletes by age across all users.
    await queryRunner.query(`create index "security_event_occurred" on "security_event" ("occurred_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "security_event"`);
  }
}
