import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { SortOrder, TaskSortKey, TaskStatus } from './dto/list-tasks-query.dto.js';
import type { TaskCursor } from './task-cursor.js';
import { TaskEntity, type TaskPriority } from './task.entity.js';

export interface TaskFilters {
  status: TaskStatus;
  priority?: TaskPriority;
  tag?: string;
  q?: string;
  dueBefore?: Date;
  dueAfter?: Date;
}

export interface TaskPageRequest {
  sort: TaskSortKey;
  order: SortOrder;
  limit: number;
  after?: TaskCursor;
}

export type TaskChanges = Partial<
  Pick<TaskEntity, 'title' | 'description' | 'priority' | 'tags' | 'dueAt' | 'completed' | 'completedAt'>
>;

/** SQL for each sort key; the due date treats "none" as later than any date (see the index). */
const SORT_EXPRESSIONS: Record<TaskSortKey, { sql: string; cast: string }> = {
  createdAt: { sql: 'task.created_at', cast: 'timestamptz' },
  dueAt: { sql: "coalesce(task.due_at, 'infinity'::timestamptz)", cast: 'timestamptz' },
  priority: { sql: 'task.priority', cast: 'task_priority' },
  title: { sql: 'task.title', cast: 'varchar' },
};

/** ILIKE pattern for a literal substring: \, % and _ lose their special meaning. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The only access to tasks. Every method takes the owner and puts it in the SQL, so a task of
 * someone else is not found, not changed and not deleted: there is no way to ask without one.
 */
@Injectable()
export class TasksRepository {
  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  /** Every task of the owner, oldest first: the account export. */
  async findAllForOwner(ownerId: string): Promise<TaskEntity[]> {
    return this.tasks.find({ where: { ownerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async findOneForOwner(id: string, ownerId: string): Promise<TaskEntity | null> {
    return this.tasks.findOneBy({ id, ownerId });
  }

  /**
   * Inserts the task unless the owner already has `maxTasks`. A per-owner advisory lock makes
   * count-then-insert atomic, so parallel requests cannot pass the limit together.
   */
  async createForOwner(
    ownerId: string,
    fields: TaskChanges & Pick<TaskEntity, 'title'>,
    maxTasks: number,
  ): Promise<TaskEntity | 'limit'> {
    return this.tasks.manager.transaction(async (manager) => {
      await manager.query(`select pg_advisory_xact_lock(hashtextextended('task:' || $1, 0))`, [ownerId]);
      const [{ count }] = (await manager.query(`select count(*)::int as "count" from "task" where "owner_id" = $1`, [
        ownerId,
      ])) as Array<{ count: number }>;
      if (count >= maxTasks) return 'limit';
      const repository = manager.getRepository(TaskEntity);
      return repository.save(repository.create({ ...fields, ownerId }));
    });
  }

  async updateForOwner(id: string, ownerId: string, changes: TaskChanges): Promise<TaskEntity | null> {
    const result = await this.tasks
      .createQueryBuilder()
      .update(TaskEntity)
      .set(changes)
      .where('id = :id AND owner_id = :ownerId', { id, ownerId })
      .execute();
    return result.affected ? this.findOneForOwner(id, ownerId) : null;
  }

  async deleteForOwner(id: string, ownerId: string): Promise<boolean> {
    const result = await this.tasks
      .createQueryBuilder()
      .delete()
      .from(TaskEntity)
      .where('id = :id AND owner_id = :ownerId', { id, ownerId })
      .execute();
    return Boolean(result.affected);
  }

  /** One page in keyset order, plus one row more to tell whether another page follows. */
  async listPageForOwner(ownerId: string, filters: TaskFilters, page: TaskPageRequest): Promise<TaskEntity[]> {
    const query = this.tasks.createQueryBuilder('task').where('task.owner_id = :ownerId', { ownerId });
    this.applyFilters(query, filters);
    const { sql, cast } = SORT_EXPRESSIONS[page.sort];
    const direction = page.order === 'asc' ? 'ASC' : 'DESC';
    if (page.after) {
      const comparison = page.order === 'asc' ? '>' : '<';
      query.andWhere(`(${sql}, task.id) ${comparison} (CAST(:afterValue AS ${cast}), CAST(:afterId AS uuid))`, {
        afterValue: page.after.value,
        afterId: page.after.id,
      });
    }
    return query
      .orderBy(sql, direction)
      .addOrderBy('task.id', direction)
      .limit(page.limit + 1)
      .getMany();
  }

  private applyFilters(query: SelectQueryBuilder<TaskEntity>, filters: TaskFilters): void {
    if (filters.status !== 'all')
      query.andWhere('task.completed = :completed', { completed: filters.status === 'done' });
    if (filters.priority) query.andWhere('task.priority = :priority', { priority: filters.priority });
    if (filters.tag) query.andWhere('task.tags @> ARRAY[CAST(:tag AS text)]', { tag: filters.tag });
    if (filters.dueBefore) query.andWhere('task.due_at < :dueBefore', { dueBefore: filters.dueBefore });
    if (filters.dueAfter) query.andWhere('task.due_at > :dueAfter', { dueAfter: filters.dueAfter });
    if (filters.q) {
      query.andWhere("(task.title ILIKE :pattern ESCAPE '\\' OR task.description ILIKE :pattern ESCAPE '\\')", {
        pattern: containsPattern(filters.q),
      });
    }
  }
}
