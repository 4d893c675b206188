import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks, owned by a Better Auth user and deleted with them. Each list sort has an index that
 * starts with the owner and ends with the id (the keyset tie-breaker), so a page is an index
 * range scan whatever its depth. Tasks without a due date sort as due at 'infinity'.
 */
export class CreateTasks1764000000003 implements MigrationInterface {
  name = 'CreateTasks1764000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."task_priority" AS ENUM('low', 'medium', 'high')`);
    await queryRunner.query(
      `CREATE TABLE "task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "description" character varying(10000) NOT NULL DEFAULT '', "completed" boolean NOT NULL DEFAULT false, "priority" "public"."task_priority" NOT NULL DEFAULT 'medium', "tags" text array NOT NULL DEFAULT '{}', "due_at" TIMESTAMP(3) WITH TIME ZONE, "completed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb213f79ee45060ba925ecd576e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "task_owner_title_idx" ON "task" ("owner_id", "title", "id")`);
    await queryRunner.query(`CREATE INDEX "task_owner_priority_idx" ON "task" ("owner_id", "priority", "id")`);
    await queryRunner.query(`CREATE INDEX "task_owner_created_idx" ON "task" ("owner_id", "created_at", "id")`);
    await queryRunner.query(
      `CREATE INDEX "task_owner_due_idx" ON "task" ("owner_id", (coalesce("due_at", 'infinity'::timestamptz)), "id")`,
    );
    await queryRunner.query(`CREATE INDEX "task_tags_idx" ON "task" USING gin ("tags")`);
    await queryRunner.query(
      `ALTER TABLE "task" ADD CONSTRAINT "task_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "task"`);
    await queryRunner.query(`DROP TYPE "public"."task_priority"`);
  }
}
