import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal access tokens: only the SHA-256 of each secret, unique and indexed for the lookup.
 * Revoking a token deletes its row, and so does deleting its user (cascade); either way a trigger
 * announces the id on `personal_token_revoked`, so every API instance drops the token from its
 * in-memory cache at once.
 */
export class CreatePersonalAccessTokens1764000000004 implements MigrationInterface {
  name = 'CreatePersonalAccessTokens1764000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "personal_access_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "scopes" text array NOT NULL, "secret_hash" bytea NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_4f29b258be0b657a3f81b75f0b7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "personal_access_token_secret_hash_idx" ON "personal_access_token" ("secret_hash")`,
    );
    await queryRunner.query(
      `CREATE INDEX "personal_access_token_user_created_idx" ON "personal_access_token" ("user_id", "created_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_access_token" ADD CONSTRAINT "personal_access_token_user_fk" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      create function "announce_personal_token_revocation"() returns trigger language plpgsql as $$
      begin
        perform pg_notify('personal_token_revoked', old."id"::text);
        return old;
      end
      $$`);
    await queryRunner.query(`
      create trigger "personal_token_revoked" after delete on "personal_access_token"
      for each row execute function "announce_personal_token_revocation"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop trigger "personal_token_revoked" on "personal_access_token"`);
    await queryRunner.query(`drop function "announce_personal_token_revocation"()`);
    await queryRunner.query(`DROP TABLE "personal_access_token"`);
  }
}
