import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Better Auth's two-factor plugin (1.7): `user.twoFactorEnabled` and the `twoFactor` table, as
 * `getMigrations(auth.options)` compiles them with `generateId: 'uuid'`, plus column defaults
 * (existing users read `false`, not null). `secret` and
 * `backupCodes` hold ciphertext (encrypted with BETTER_AUTH_SECRET by Better Auth), never the
 * secret or a code; a user's row goes with the user.
 */
export class CreateTwoFactor1764000000006 implements MigrationInterface {
  name = 'CreateTwoFactor1764000000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "user" add column "twoFactorEnabled" boolean default false`);
    await queryRunner.query(
      `create table "twoFactor" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "secret" text not null, "backupCodes" text not null, "userId" uuid not null references "user" ("id") on delete cascade, "verified" boolean default true, "failedVerificationCount" integer default 0, "lockedUntil" timestamptz)`,
    );
    await queryRunner.query(`create index "twoFactor_secret_idx" on "twoFactor" ("secret")`);
    await queryRunner.query(`create index "twoFactor_userId_idx" on "twoFactor" ("userId")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "twoFactor"`);
    await queryRunner.query(`alter table "user" drop column "twoFactorEnabled"`);
  }
}
