import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * JWTs outlive their session by up to their lifetime. Every removed session is recorded here and
 * announced on the `session_revoked` channel, so each API instance can refuse that session's
 * JWTs at once (LISTEN) and an instance that starts later still learns of recent revocations.
 */
export class CreateSessionRevocations1764000000001 implements MigrationInterface {
  name = 'CreateSessionRevocations1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table "session_revocation" (
        "session_id" uuid primary key,
        "revoked_at" timestamptz not null default now()
      )`);
    await queryRunner.query(`create index "session_revocation_revoked_at_idx" on "session_revocation" ("revoked_at")`);
    await queryRunner.query(`
      create function "record_session_revocation"() returns trigger language plpgsql as $$
      begin
        insert into "session_revocation" ("session_id") values (old."id")
          on conflict ("session_id") do update set "revoked_at" = now();
        perform pg_notify('session_revoked', old."id"::text);
        return old;
      end
      $$`);
    await queryRunner.query(`
      create trigger "session_revoked" after delete on "session"
      for each row execute function "record_session_revocation"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop trigger "session_revoked" on "session"`);
    await queryRunner.query(`drop function "record_session_revocation"()`);
    await queryRunner.query(`drop table "session_revocation"`);
  }
}
