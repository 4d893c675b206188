import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `passkey` table of @better-auth/passkey 1.7.6 (its schema: name, publicKey, userId,
 * credentialID, counter, deviceType, backedUp, transports, createdAt, aaguid), with
 * `generateId: 'uuid'`. Beyond the plugin's schema: a passkey goes with its user (on delete
 * cascade), and a credential id is registered once across all accounts (unique), so a sign-in's
 * credential names one account only. `publicKey` is public by nature; no secret is stored here.
 */
export class CreatePasskeys1764000001400 implements MigrationInterface {
  name = 'CreatePasskeys1764000001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create table "passkey" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "name" text, "publicKey" text not null, "userId" uuid not null references "user" ("id") on delete cascade, "credentialID" text not null, "counter" integer not null, "deviceType" text not null, "backedUp" boolean not null, "transports" text, "createdAt" timestamptz default CURRENT_TIMESTAMP, "aaguid" text)`,
    );
    await queryRunner.query(`create index "passkey_userId_idx" on "passkey" ("userId")`);
    await queryRunner.query(`create unique index "passkey_credentialID_uidx" on "passkey" ("credentialID")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "passkey"`);
  }
}
