import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records (issue 17). One row per (user, key): the primary key is what lets one
 * of N racing requests claim a key (INSERT … ON CONFLICT). `claim_id` names the request holding
 * the claim, so only it may store the answer or give the key back; `locked_until` is when an
 * unanswered claim counts as abandoned (a crashed instance), `expires_at` when the kept answer
 * (`response_*`, NULL while in flight) is forgotten. The answer is kept as the JSON text it was
 * sent as (not jsonb, which reorders keys). Deleting a user deletes their keys.
 */
export class CreateIdempotencyKeys1764000001800 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764000001800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`create table "idempotency_key" (
      "user_id" uuid not null,
      "key" varchar(255) not null,
      "route" varchar(300) not null,
      "fingerprint" bytea not null,
      "claim_id" uuid not null,
      "created_at" timestamptz(3) not null,
      "locked_until" timestamptz(3) not null,
      "expires_at" timestamptz(3) not null,
      "response_status" smallint,
      "response_headers" jsonb,
      "response_body" text,
      constraint "idempotency_key_pk" primary key ("user_id", "key"),
      constraint "idempotency_key_user_fk" foreign key ("user_id") references "user"("id") on delete cascade,
      constraint "idempotency_key_fingerprint_check" check (octet_length("fingerprint") = 32),
      constraint "idempotency_key_answered_check" check (("response_status" is null) = ("response_body" is null))
    )`);
    await queryRunner.query(`create index "idempotency_key_expires_idx" on "idempotency_key" ("expires_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "idempotency_key"`);
  }
}
