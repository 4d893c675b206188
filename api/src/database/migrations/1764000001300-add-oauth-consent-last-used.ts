import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an app last used its grant (Connected apps' "last used"): set on each authorization-code,
 * refresh or device token grant, never on API requests. Declared to Better Auth by the
 * oauthConsentLastUsed plugin, so its consent routes return it.
 */
export class AddOAuthConsentLastUsed1764000001300 implements MigrationInterface {
  name = 'AddOAuthConsentLastUsed1764000001300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "oauthConsent" add column "lastUsedAt" timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "oauthConsent" drop column "lastUsedAt"`);
  }
}
