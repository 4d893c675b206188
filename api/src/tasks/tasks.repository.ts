import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { SortOrder, TaskSortKey, TaskStatus } from './dto/list-tasks-query.dto.js';
import type { TaskCursor } from './task-cursor.js';
import type { TaskEntity, TaskPriority } from './task.entity.js';

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

/** A stored task as the hot queries return it: the entity's fields, no relation. */
export type TaskRow = Omit<TaskEntity, 'owner'>;

/** What a PUT/PATCH asks for; `completed` moves `completedAt` in the same statement. */
export interface TaskUpdate extends Omit<TaskChanges, 'completedAt'> {
  completed?: boolean;
}

/** The entity's columns under its property names, so pg's rows are TaskRows with no hydration. */
const COLUMNS = `id, owner_id AS "ownerId", title, description, completed, priority, tags, due_at AS "dueAt",
  completed_at AS "completedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** SQL for each sort key; the due date treats "none" as later than any date (see the index). */
const SORT_EXPRESSIONS: Record<TaskSortKey, { sql: string; cast: string }> = {
  createdAt: { sql: 'created_at', cast: 'timestamptz' },
  dueAt: { sql: "coalesce(due_at, 'infinity'::timestamptz)", cast: 'timestamptz' },
  priority: { sql: 'priority', cast: 'task_priority' },
  title: { sql: 'title', cast: 'varchar' },
};

/** ILIKE pattern for a literal substring: \, % and _ lose their special meaning. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

interface Statement {
  name: string;
  text: string;
}

/** One list statement per query shape (which filters, sort, order, cursor): at most 1,024 texts. */
const listStatements = new Map<string, Statement>();

function listStatement(filters: TaskFilters, page: TaskPageRequest): Statement {
  const key = [
    filters.status,
    filters.priority ? 'p' : '',
    filters.tag ? 't' : '',
    filters.q ? 'q' : '',
    filters.dueBefore ? 'b' : '',
    filters.dueAfter ? 'a' : '',
    page.sort,
    page.order,
    page.after ? 'c' : '',
  ].join('.');
  let statement = listStatements.get(key);
  if (!statement) {
    let n = 1;
    const where = [`owner_id = $${n++}`];
    if (filters.status !== 'all') where.push(`completed = ${filters.status === 'done'}`);
    if (filters.priority) where.push(`priority = $${n++}`);
    if (filters.tag) where.push(`tags @> ARRAY[CAST($${n++} AS text)]`);
    if (filters.dueBefore) where.push(`due_at < $${n++}`);
    if (filters.dueAfter) where.push(`due_at > $${n++}`);
    if (filters.q) where.push(`(title ILIKE $${n} ESCAPE '\\' OR description ILIKE $${n++} ESCAPE '\\')`);
    const { sql, cast } = SORT_EXPRESSIONS[page.sort];
    const direction = page.order === 'asc' ? 'ASC' : 'DESC';
    if (page.after) {
      const comparison = page.order === 'asc' ? '>' : '<';
      where.push(`(${sql}, id) ${comparison} (CAST($${n++} AS ${cast}), CAST($${n++} AS uuid))`);
    }
    const text = `SELECT ${COLUMNS} FROM task WHERE ${where.join(' AND ')}
      ORDER BY ${sql} ${direction}, id ${direction} LIMIT $${n}`;
    statement = { name: `tasks-list-${listStatements.size}`, text };
    listStatements.set(key, statement);
  }
  return statement;
}

function listValues(ownerId: string, filters: TaskFilters, page: TaskPageRequest): unknown[] {
  const values: unknown[] = [ownerId];
  if (filters.priority) values.push(filters.priority);
  if (filters.tag) values.push(filters.tag);
  if (filters.dueBefore) values.push(filters.dueBefore);
  if (filters.dueAfter) values.push(filters.dueAfter);
  if (filters.q) values.push(containsPattern(filters.q));
  if (page.after) values.push(page.after.value, page.after.id);
  values.push(page.limit + 1);
  return values;
}

const FIND = {
  name: 'tasks-find',
  text: `SELECT ${COLUMNS} FROM task WHERE id = $1 AND owner_id = $2`,
};
/** Every task of the owner, oldest first: the account export. */
const FIND_ALL = {
  name: 'tasks-find-all',
  text: `SELECT ${COLUMNS} FROM task WHERE owner_id = $1 ORDER BY created_at ASC, id ASC`,
};
/**
 * Inserts nothing (no row back) when the owner already has $9 tasks. The owner's count row
 * (task_owner_count, kept by triggers on task) is locked first by the upsert, whose WHERE sees
 * the row as the last committed creation left it: parallel creations queue on that row lock and
 * cannot pass the cap together. The insert's trigger then adds one to the same row.
 */
const CREATE = {
  name: 'tasks-create',
  text: `WITH slot AS (
      INSERT INTO task_owner_count (owner_id, tasks) VALUES ($1::uuid, 0)
      ON CONFLICT (owner_id) DO UPDATE SET tasks = task_owner_count.tasks
        WHERE task_owner_count.tasks < $9::int
      RETURNING owner_id)
    INSERT INTO task (owner_id, title, description, priority, tags, due_at, completed, completed_at)
    SELECT owner_id, $2::varchar, $3::varchar, $4::task_priority, $5::text[], $6::timestamptz, $7::boolean, $8::timestamptz
    FROM slot
    RETURNING ${COLUMNS}`,
};
/**
 * PUT and PATCH in one statement: a NULL parameter keeps the column ($7 is the due date's "given"
 * flag, since null is a value there). completed_at follows completed: set when a task becomes
 * done, cleared when reopened, kept otherwise — decided against the row as it is when updated.
 */
const UPDATE = {
  name: 'tasks-update',
  text: `UPDATE task SET
      title = coalesce($3, title),
      description = coalesce($4, description),
      priority = coalesce($5::task_priority, priority),
      tags = coalesce($6::text[], tags),
      due_at = CASE WHEN $7::boolean THEN $8::timestamptz ELSE due_at END,
      completed = coalesce($9::boolean, completed),
      completed_at = CASE
        WHEN $9::boolean IS NULL OR $9::boolean = completed THEN completed_at
        WHEN $9::boolean THEN now()
        ELSE NULL END,
      updated_at = now()
    WHERE id = $1 AND owner_id = $2
    RETURNING ${COLUMNS}`,
};
const DELETE = { name: 'tasks-delete', text: 'DELETE FROM task WHERE id = $1 AND owner_id = $2' };

/**
 * The only access to tasks. Every method takes the owner and puts it in the SQL, so a task of
 * someone else is not found, not changed and not deleted: there is no way to ask without one.
 * The statements are written here and prepared once per connection (pg named statements): on
 * these paths TypeORM's query builder and entity hydration cost more than the query itself.
 */
@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** TypeORM's own pg pool: one pool, one set of connections, for both. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  private async rows<T extends QueryResultRow>(statement: Statement, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ ...statement, values })).rows;
  }

  async findOneForOwner(id: string, ownerId: string): Promise<TaskRow | null> {
    return (await this.rows<TaskRow>(FIND, [id, ownerId]))[0] ?? null;
  }

  async findAllForOwner(ownerId: string): Promise<TaskRow[]> {
    return this.rows<TaskRow>(FIND_ALL, [ownerId]);
  }

  /** Inserts the task unless the owner already has `maxTasks`: one statement (see CREATE). */
  async createForOwner(
    ownerId: string,
    fields: TaskChanges & Pick<TaskEntity, 'title'>,
    maxTasks: number,
  ): Promise<TaskRow | 'limit'> {
    const [row] = await this.rows<TaskRow>(CREATE, [
      ownerId,
      fields.title,
      fields.description ?? '',
      fields.priority ?? 'medium',
      fields.tags ?? [],
      fields.dueAt ?? null,
      fields.completed ?? false,
      fields.completedAt ?? null,
      maxTasks,
    ]);
    return row ?? 'limit';
  }

  async updateForOwner(id: string, ownerId: string, changes: TaskUpdate): Promise<TaskRow | null> {
    const [row] = await this.rows<TaskRow>(UPDATE, [
      id,
      ownerId,
      changes.title ?? null,
      changes.description ?? null,
      changes.priority ?? null,
      changes.tags ?? null,
      changes.dueAt !== undefined,
      changes.dueAt ?? null,
      changes.completed ?? null,
    ]);
    return row ?? null;
  }

  async deleteForOwner(id: string, ownerId: string): Promise<boolean> {
    return Boolean((await this.pool.query({ ...DELETE, values: [id, ownerId] })).rowCount);
  }

  /** One page in keyset order, plus one row more to tell whether another page follows. */
  async listPageForOwner(ownerId: string, filters: TaskFilters, page: TaskPageRequest): Promise<TaskRow[]> {
    return this.rows<TaskRow>(listStatement(filters, page), listValues(ownerId, filters, page));
  }
}
