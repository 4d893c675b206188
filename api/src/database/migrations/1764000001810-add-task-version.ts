import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ETag / If-Match (issue 17). `version` counts the writes of a task: every UPDATE of what a client
 * sees sets it to version + 1 in the same statement, and a conditional write says
 * `AND version = $n`, so a stale tag changes nothing and two writers with one tag cannot both
 * win. An integer rather than updated_at: now() is the transaction's start, kept to the
 * millisecond, and two writes within one millisecond would carry one tag.
 */
export class AddTaskVersion1764000001810 implements MigrationInterface {
  name = 'AddTaskVersion1764000001810';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "task" add column "version" integer not null default 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`alter table "task" drop column "version"`);
  }
}
