import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters of rate-limiter-flexible's PostgreSQL store, shared by every API instance (the
 * default store when no REDIS_URL is set). Layout as the library expects it.
 */
export class CreateRateLimitTable1764000000002 implements MigrationInterface {
  name = 'CreateRateLimitTable1764000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      create table "rate_limit" (
        "key" varchar(255) primary key,
        "points" integer not null default 0,
        "expire" bigint
      )`);
    await queryRunner.query(`create index "rate_limit_expire_idx" on "rate_limit" ("expire")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`drop table "rate_limit"`);
  }
}
