import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Better Auth's tables (core + jwt plugin), as compiled by `getMigrations(auth.options)` of
 * better-auth 1.7 with `generateId: 'uuid'`. Kept here so the project has one migration history.
 */
export class CreateAuthTables1764000000000 implements MigrationInterface {
  name = 'CreateAuthTables1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create table "user" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null)`,
    );
    await queryRunner.query(
      `create table "session" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" uuid not null references "user" ("id") on delete cascade)`,
    );
    await queryRunner.query(
      `create table "account" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "accountId" text not null, "providerId" text not null, "userId" uuid not null references "user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null)`,
    );
    await queryRunner.query(
      `create table "verification" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null)`,
    );
    await queryRunner.query(
      `create table "jwks" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "publicKey" text not null, "privateKey" text not null, "createdAt" timestamptz not null, "expiresAt" timestamptz, "alg" text, "crv" text)`,
    );
    await queryRunner.query(`create index "session_userId_idx" on "session" ("userId")`);
    await queryRunner.query(`create index "account_userId_idx" on "account" ("userId")`);
    await queryRunner.query(`create index "verification_identifier_idx" on "verification" ("identifier")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['jwks', 'verification', 'account', 'session', 'user']) {
      await queryRunner.query(`drop table "${table}"`);
    }
  }
}
