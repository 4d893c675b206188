import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many tasks each owner has, kept by the database itself: statement-level triggers on `task`
 * (every insert and delete, however made: the API, a cascade from a deleted user, a bulk load).
 * A creation locks its owner's row and checks the count in the same statement as its INSERT
 * (see TasksRepository.createForOwner): one round trip, no count(*) over up to 10,000 rows, and
 * parallel creations still cannot pass the cap (the row lock orders them; each waiting one then
 * checks the count as the one before it left it).
 */
export class CountTasksPerOwner1764000000007 implements MigrationInterface {
  name = 'CountTasksPerOwner1764000000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_owner_count" ("owner_id" uuid NOT NULL, "tasks" integer NOT NULL, CONSTRAINT "task_owner_count_pk" PRIMARY KEY ("owner_id"), CONSTRAINT "task_owner_count_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `INSERT INTO "task_owner_count" ("owner_id", "tasks") SELECT "owner_id", count(*) FROM "task" GROUP BY "owner_id"`,
    );
    await queryRunner.query(`CREATE FUNCTION "task_owner_count_added"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "task_owner_count" ("owner_id", "tasks")
          SELECT "owner_id", count(*) FROM "added" GROUP BY "owner_id"
          ON CONFLICT ("owner_id") DO UPDATE SET "tasks" = "task_owner_count"."tasks" + excluded."tasks";
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "task_owner_count_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "task_owner_count" c SET "tasks" = c."tasks" - r."n"
          FROM (SELECT "owner_id", count(*) AS "n" FROM "removed" GROUP BY "owner_id") r
          WHERE c."owner_id" = r."owner_id";
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE FUNCTION "task_owner_count_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM "task_owner_count";
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "task_owner_count_added" AFTER INSERT ON "task" REFERENCING NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "task_owner_count_added"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "task_owner_count_removed" AFTER DELETE ON "task" REFERENCING OLD TABLE AS "removed" FOR EACH STATEMENT EXECUTE FUNCTION "task_owner_count_removed"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "task_owner_count_truncated" AFTER TRUNCATE ON "task" FOR EACH STATEMENT EXECUTE FUNCTION "task_owner_count_truncated"()`,
    );
    // A task never changes owner (no statement sets owner_id): refuse it rather than miscount.
    await queryRunner.query(`CREATE FUNCTION "task_owner_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a task does not change owner';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "task_owner_fixed" BEFORE UPDATE OF "owner_id" ON "task" FOR EACH ROW WHEN (OLD."owner_id" IS DISTINCT FROM NEW."owner_id") EXECUTE FUNCTION "task_owner_fixed"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "task_owner_fixed" ON "task"`);
    await queryRunner.query(`DROP TRIGGER "task_owner_count_truncated" ON "task"`);
    await queryRunner.query(`DROP TRIGGER "task_owner_count_removed" ON "task"`);
    await queryRunner.query(`DROP TRIGGER "task_owner_count_added" ON "task"`);
    await queryRunner.query(`DROP FUNCTION "task_owner_fixed"()`);
    await queryRunner.query(`DROP FUNCTION "task_owner_count_truncated"()`);
    await queryRunner.query(`DROP FUNCTION "task_owner_count_removed"()`);
    await queryRunner.query(`DROP FUNCTION "task_owner_count_added"()`);
    await queryRunner.query(`DROP TABLE "task_owner_count"`);
  }
}
