import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user keeps at most 100 live sessions (MAX_SESSIONS_PER_USER in auth-stored-limits.ts, which
 * its test checks against this trigger): inserting one more deletes the oldest, in the insert's own
 * statement. It used to be a second query after Better Auth's insert, one more round trip on every
 * sign-in; here it also holds for a session written by any other path. The deleted sessions'
 * JWTs end through the `session_revoked` trigger, as a sign-out's do.
 */
export class TrimSessionsInDatabase1764000001830 implements MigrationInterface {
  name = 'TrimSessionsInDatabase1764000001830';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create function "trim_user_sessions"() returns trigger language plpgsql as $$
      begin
        delete from "session" where "id" in (
          select "id" from "session" where "userId" = new."userId"
          order by "createdAt" desc, "id" desc offset 100);
        return null;
      end
      $$`);
    await queryRunner.query(`
      create trigger "session_trimmed" after insert on "session"
      for each row execute function "trim_user_sessions"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop trigger "session_trimmed" on "session"`);
    await queryRunner.query(`drop function "trim_user_sessions"()`);
  }
}
