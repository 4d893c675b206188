import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Better Auth's change-of-address links are signed JWTs, good for 24 hours and for any number of
 * uses. Each one opened is recorded here (a hash, never the token) until it expires, so a link
 * replayed later, say after the user moved back to the old address, changes nothing.
 */
export class CreateUsedEmailChangeLinks1764000000005 implements MigrationInterface {
  name = 'CreateUsedEmailChangeLinks1764000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table "used_email_change_link" (
        "token_hash" bytea primary key,
        "expires_at" timestamptz not null
      )`);
    await queryRunner.query(
      `create index "used_email_change_link_expires_at_idx" on "used_email_change_link" ("expires_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "used_email_change_link"`);
  }
}
