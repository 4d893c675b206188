import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables of @better-auth/oauth-provider and its device grant, as compiled by
 * `getMigrations(auth.options)` (better-auth 1.7.25, oauth-provider 1.7.5, `generateId: 'uuid'`),
 * and Taskvault's own record of revoked grants.
 *
 * A grant ends when its consent is deleted (the user revokes the app, or the app is deleted) or
 * its refresh tokens are (reuse detection, user deletion) or one is revoked (RFC 7009). Better Auth
 * removes the rows; the access tokens it has already minted are JWTs and stay valid until `exp`.
 * So, as for sessions (`session_revocation`), triggers record each ended grant in
 * `oauth_grant_revocation` and NOTIFY `oauth_grant_revoked`: every instance refuses the grant's
 * earlier access tokens at once. Deleting a consent also deletes the grant's refresh tokens
 * (Better Auth's delete-consent leaves them), so a revoked app cannot mint new access tokens.
 */
export class CreateOAuthTables1764000001200 implements MigrationInterface {
  name = 'CreateOAuthTables1764000001200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `create table "oauthClient" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "clientId" text not null unique, "clientSecret" text, "clientDiscoveryId" text, "disabled" boolean, "skipConsent" boolean, "enableEndSession" boolean, "subjectType" text, "scopes" jsonb, "clientCredentialsScopes" jsonb, "userId" uuid references "user" ("id") on delete cascade, "createdAt" timestamptz, "updatedAt" timestamptz, "name" text, "uri" text, "icon" text, "contacts" jsonb, "tos" text, "policy" text, "softwareId" text, "softwareVersion" text, "softwareStatement" text, "redirectUris" jsonb not null, "postLogoutRedirectUris" jsonb, "backchannelLogoutUri" text, "backchannelLogoutSessionRequired" boolean, "tokenEndpointAuthMethod" text, "applicationType" text, "jwks" text, "jwksUri" text, "grantTypes" jsonb, "responseTypes" jsonb, "requirePKCE" boolean, "dpopBoundAccessTokens" boolean, "referenceId" text, "metadata" jsonb)`,
    );
    await queryRunner.query(
      `create table "oauthResource" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "identifier" text not null unique, "name" text not null, "accessTokenTtl" integer, "refreshTokenTtl" integer, "signingAlgorithm" text, "signingKeyId" text, "allowedScopes" jsonb, "customClaims" jsonb, "dpopBoundAccessTokensRequired" boolean, "disabled" boolean, "createdAt" timestamptz, "updatedAt" timestamptz, "policyVersion" integer, "metadata" jsonb)`,
    );
    await queryRunner.query(
      `create table "oauthClientResource" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "clientId" text not null references "oauthClient" ("clientId") on delete cascade, "resourceId" text not null references "oauthResource" ("identifier") on delete cascade, "metadata" jsonb, "createdAt" timestamptz)`,
    );
    await queryRunner.query(
      `create table "oauthRefreshToken" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "token" text not null unique, "clientId" text not null references "oauthClient" ("clientId") on delete cascade, "sessionId" uuid references "session" ("id") on delete set null, "userId" uuid not null references "user" ("id") on delete cascade, "referenceId" text, "authorizationCodeId" text, "resources" jsonb, "requestedUserInfoClaims" jsonb, "expiresAt" timestamptz not null, "createdAt" timestamptz not null, "revoked" timestamptz, "rotatedAt" timestamptz, "rotationReplayResponse" text, "rotationReplayExpiresAt" timestamptz, "authTime" timestamptz, "confirmation" jsonb, "scopes" jsonb not null)`,
    );
    await queryRunner.query(
      `create table "oauthAccessToken" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "token" text not null unique, "clientId" text not null references "oauthClient" ("clientId") on delete cascade, "sessionId" uuid references "session" ("id") on delete set null, "userId" uuid references "user" ("id") on delete cascade, "referenceId" text, "authorizationCodeId" text, "resources" jsonb, "requestedUserInfoClaims" jsonb, "refreshId" uuid references "oauthRefreshToken" ("id") on delete cascade, "expiresAt" timestamptz not null, "createdAt" timestamptz not null, "revoked" timestamptz, "confirmation" jsonb, "scopes" jsonb not null)`,
    );
    await queryRunner.query(
      `create table "oauthConsent" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "clientId" text not null references "oauthClient" ("clientId") on delete cascade, "userId" uuid references "user" ("id") on delete cascade, "referenceId" text, "resources" jsonb, "requestedUserInfoClaims" jsonb, "scopes" jsonb not null, "createdAt" timestamptz not null, "updatedAt" timestamptz not null)`,
    );
    await queryRunner.query(
      `create table "oauthClientAssertion" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "expiresAt" timestamptz not null)`,
    );
    await queryRunner.query(
      `create table "deviceCode" ("id" uuid default pg_catalog.gen_random_uuid() not null primary key, "deviceCode" text not null, "userCode" text not null, "userId" text, "expiresAt" timestamptz not null, "status" text not null, "lastPolledAt" timestamptz, "pollingInterval" integer, "clientId" text, "scope" text, "resources" jsonb, "oauthClientId" text)`,
    );
    await queryRunner.query(`create index "oauthClient_userId_idx" on "oauthClient" ("userId")`);
    await queryRunner.query(`create index "oauthClientResource_clientId_idx" on "oauthClientResource" ("clientId")`);
    await queryRunner.query(
      `create index "oauthClientResource_resourceId_idx" on "oauthClientResource" ("resourceId")`,
    );
    await queryRunner.query(`create index "oauthRefreshToken_clientId_idx" on "oauthRefreshToken" ("clientId")`);
    await queryRunner.query(`create index "oauthRefreshToken_sessionId_idx" on "oauthRefreshToken" ("sessionId")`);
    await queryRunner.query(`create index "oauthRefreshToken_userId_idx" on "oauthRefreshToken" ("userId")`);
    await queryRunner.query(
      `create index "oauthRefreshToken_authorizationCodeId_idx" on "oauthRefreshToken" ("authorizationCodeId")`,
    );
    await queryRunner.query(`create index "oauthAccessToken_clientId_idx" on "oauthAccessToken" ("clientId")`);
    await queryRunner.query(`create index "oauthAccessToken_sessionId_idx" on "oauthAccessToken" ("sessionId")`);
    await queryRunner.query(`create index "oauthAccessToken_userId_idx" on "oauthAccessToken" ("userId")`);
    await queryRunner.query(
      `create index "oauthAccessToken_authorizationCodeId_idx" on "oauthAccessToken" ("authorizationCodeId")`,
    );
    await queryRunner.query(`create index "oauthAccessToken_refreshId_idx" on "oauthAccessToken" ("refreshId")`);
    await queryRunner.query(`create index "oauthConsent_clientId_idx" on "oauthConsent" ("clientId")`);
    await queryRunner.query(`create index "oauthConsent_userId_idx" on "oauthConsent" ("userId")`);
    await queryRunner.query(
      `create unique index "oauthClientResource_clientId_resourceId_uidx" on "oauthClientResource" ("clientId", "resourceId")`,
    );
    await queryRunner.query(`create unique index "deviceCode_deviceCode_uidx" on "deviceCode" ("deviceCode")`);
    await queryRunner.query(`create unique index "deviceCode_userCode_uidx" on "deviceCode" ("userCode")`);
    await queryRunner.query(
      `create table "oauth_grant_revocation" ("user_id" uuid not null, "client_id" text not null, "revoked_at" timestamptz not null default clock_timestamp())`,
    );
    await queryRunner.query(
      `create index "oauth_grant_revocation_revoked_at_idx" on "oauth_grant_revocation" ("revoked_at")`,
    );
    await queryRunner.query(`
      create function "oauth_grant_revoked"() returns trigger language plpgsql as $$
      declare
        grant_row record := case when tg_op = 'DELETE' then old else new end;
      begin
        if grant_row."userId" is null then return grant_row; end if;
        insert into "oauth_grant_revocation" ("user_id", "client_id", "revoked_at")
          values (grant_row."userId", grant_row."clientId", clock_timestamp());
        perform pg_notify('oauth_grant_revoked', grant_row."userId"::text || ' ' || grant_row."clientId" || ' '
          || floor(extract(epoch from clock_timestamp()) * 1000)::bigint::text);
        if tg_table_name = 'oauthConsent' then
          delete from "oauthRefreshToken" where "userId" = grant_row."userId" and "clientId" = grant_row."clientId";
        end if;
        return grant_row;
      end $$`);
    await queryRunner.query(
      `create trigger "oauth_consent_deleted" after delete on "oauthConsent" for each row execute function "oauth_grant_revoked"()`,
    );
    await queryRunner.query(
      `create trigger "oauth_refresh_token_deleted" after delete on "oauthRefreshToken" for each row execute function "oauth_grant_revoked"()`,
    );
    // RFC 7009 revocation marks the refresh token revoked; rotation does too, but sets rotatedAt.
    await queryRunner.query(
      `create trigger "oauth_refresh_token_revoked" after update of "revoked" on "oauthRefreshToken" for each row
       when (old."revoked" is null and new."revoked" is not null and new."rotatedAt" is null)
       execute function "oauth_grant_revoked"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop trigger "oauth_refresh_token_revoked" on "oauthRefreshToken"`);
    await queryRunner.query(`drop trigger "oauth_refresh_token_deleted" on "oauthRefreshToken"`);
    await queryRunner.query(`drop trigger "oauth_consent_deleted" on "oauthConsent"`);
    await queryRunner.query(`drop function "oauth_grant_revoked"()`);
    await queryRunner.query(`drop table "oauth_grant_revocation"`);
    for (const table of [
      'deviceCode',
      'oauthClientAssertion',
      'oauthConsent',
      'oauthAccessToken',
      'oauthRefreshToken',
      'oauthClientResource',
      'oauthResource',
      'oauthClient',
    ]) {
      await queryRunner.query(`drop table "${table}"`);
    }
  }
}
