import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { SortOrder, TaskDueView, TaskSortKey, TaskStatus } from './dto/list-tasks-query.dto.js';
import type { TaskCursor } from './task-cursor.js';
import type { TaskEntity, TaskPriority } from './task.entity.js';
import { UPDATED_OR_COMPLETED, withTaskEvent } from '../webhooks/task-event-sql.js';

export interface TaskFilters {
  status: TaskStatus;
  priority?: TaskPriority;
  tag?: string;
  q?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  due?: TaskDueView;
}

export interface TaskPageRequest {
  sort: TaskSortKey;
  order: SortOrder;
  limit: number;
  after?: TaskCursor;
}

export type TaskChanges = Partial<
  Pick<
    TaskEntity,
    | 'title'
    | 'description'
    | 'priority'
    | 'tags'
    | 'dueAt'
    | 'completed'
    | 'completedAt'
    | 'recurrence'
    | 'remindAt'
    | 'remindMinutesBefore'
  >
>;

/** Where a task stands in its series: only completing a task reads it. */
type SeriesFields = 'recurrenceAnchor' | 'recurrenceIndex' | 'nextTaskId';

/** A stored task as the hot queries return it: what clients see of it, no relation. */
export type TaskRow = Omit<TaskEntity, 'owner' | 'nextTask' | SeriesFields>;

/**
 * What a PUT/PATCH asks for; `completed` moves `completedAt` in the same statement. A reminder is
 * given as a whole: `remindAt` or `remindMinutesBefore` present replaces both.
 */
export interface TaskUpdate extends Omit<TaskChanges, 'completedAt'> {
  completed?: boolean;
}

/** The next occurrence of a series, as the completion of the one before plans it. */
export interface NextTaskFields extends Pick<
  TaskEntity,
  'title' | 'description' | 'priority' | 'tags' | 'remindAt' | 'remindMinutesBefore'
> {
  dueAt: Date;
  recurrence: string;
  recurrenceAnchor: string;
  recurrenceIndex: number;
}

/** A task just completed, its place in the series and its owner's time zone: what planning its next occurrence needs. */
export interface CompletedTaskRow extends TaskRow, Pick<TaskEntity, SeriesFields> {
  timeZone: string;
}

/**
 * The columns clients see, under their property names, so pg's rows are TaskRows with no
 * hydration. The list and the other hot statements read these only; the series' bookkeeping
 * columns are read where a completion needs them (UPDATE_COMPLETING).
 */
const COLUMNS = `id, owner_id AS "ownerId", title, description, completed, priority, tags, due_at AS "dueAt",
  completed_at AS "completedAt", recurrence,
  remind_at AS "remindAt", remind_minutes_before AS "remindMinutesBefore", reminder_sent_at AS "reminderSentAt",
  created_at AS "createdAt", updated_at AS "updatedAt"`;
const SERIES_COLUMNS = `recurrence_anchor AS "recurrenceAnchor", recurrence_index AS "recurrenceIndex",
  next_task_id AS "nextTaskId"`;

/** The owner's wall-clock reading of a due date: the anchor of a series (see next-occurrence.ts). */
const localAnchor = (due: string, owner: string) =>
  `to_char((${due}) AT TIME ZONE (SELECT "timeZone" FROM "user" WHERE id = ${owner}), 'YYYY-MM-DD"T"HH24:MI:SS')`;

/** SQL for each sort key; the due date treats "none" as later than any date (see the index). */
const SORT_EXPRESSIONS: Record<TaskSortKey, { sql: string; cast: string }> = {
  createdAt: { sql: 'created_at', cast: 'timestamptz' },
  dueAt: { sql: "coalesce(due_at, 'infinity'::timestamptz)", cast: 'timestamptz' },
  priority: { sql: 'priority', cast: 'task_priority' },
  title: { sql: 'title', cast: 'varchar' },
};

/** Midnight today and tomorrow where the owner ($1) lives; PostgreSQL's zone rules follow DST. */
const LOCAL_TODAY = `date_trunc('day', now() AT TIME ZONE (SELECT "timeZone" FROM "user" WHERE id = $1))`;
const DUE_VIEWS: Record<TaskDueView, string> = {
  today: `due_at >= (${LOCAL_TODAY} AT TIME ZONE (SELECT "timeZone" FROM "user" WHERE id = $1))
    AND due_at < ((${LOCAL_TODAY} + interval '1 day') AT TIME ZONE (SELECT "timeZone" FROM "user" WHERE id = $1))`,
  overdue: 'due_at < now() AND completed = false',
  upcoming: `due_at >= ((${LOCAL_TODAY} + interval '1 day') AT TIME ZONE (SELECT "timeZone" FROM "user" WHERE id = $1))`,
};

/** ILIKE pattern for a literal substring: \, % and _ lose their special meaning. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

interface Statement {
  name: string;
  text: string;
}

/** One list statement per query shape (which filters, view, sort, order, cursor): a bounded set of texts. */
const listStatements = new Map<string, Statement>();

function listStatement(filters: TaskFilters, page: TaskPageRequest): Statement {
  const key = [
    filters.status,
    filters.priority ? 'p' : '',
    filters.tag ? 't' : '',
    filters.q ? 'q' : '',
    filters.dueBefore ? 'b' : '',
    filters.dueAfter ? 'a' : '',
    filters.due ?? '',
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
    if (filters.due) where.push(DUE_VIEWS[filters.due]);
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
  text: withTaskEvent(
    "'task.created'",
    `INSERT INTO task (owner_id, title, description, priority, tags, due_at, completed, completed_at,
      recurrence, recurrence_anchor, recurrence_index, remind_minutes_before, remind_at)
    SELECT owner_id, $2::varchar, $3::varchar, $4::task_priority, $5::text[], $6::timestamptz, $7::boolean, $8::timestamptz,
      $10::varchar,
      CASE WHEN $10::varchar IS NULL THEN NULL ELSE coalesce($11::varchar, ${localAnchor('$6::timestamptz', '$1::uuid')}) END,
      $12::int,
      $13::int,
      CASE WHEN $13::int IS NULL THEN $14::timestamptz ELSE $6::timestamptz - make_interval(mins => $13::int) END
    FROM slot
    RETURNING ${COLUMNS}`,
    `slot AS (
      INSERT INTO task_owner_count (owner_id, tasks) VALUES ($1::uuid, 0)
      ON CONFLICT (owner_id) DO UPDATE SET tasks = task_owner_count.tasks
        WHERE task_owner_count.tasks < $9::int
      RETURNING owner_id)`,
  ),
};
/**
 * PUT and PATCH in one statement: a NULL parameter keeps the column ($7 and $10 are the "given"
 * flags of the due date and the recurrence, since null is a value there). completed_at follows
 * completed: set when a task becomes done, cleared when reopened, kept otherwise — decided
 * against the row as it is when updated. A series' anchor moves with its due date or rule; a
 * recurring task left without a due date fails the table's CHECK (answered as a 400).
 */
const UPDATE_SET = `UPDATE task SET
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
      recurrence = CASE WHEN $10::boolean THEN $11::varchar ELSE recurrence END,
      recurrence_anchor = CASE
        WHEN (CASE WHEN $10::boolean THEN $11::varchar ELSE recurrence END) IS NULL THEN NULL
        WHEN $7::boolean OR $10::boolean
          THEN ${localAnchor('CASE WHEN $7::boolean THEN $8::timestamptz ELSE due_at END', '$2::uuid')}
        ELSE recurrence_anchor END,
      remind_minutes_before = CASE WHEN $12::boolean THEN $13::int ELSE remind_minutes_before END,
      remind_at = CASE
        WHEN $12::boolean AND $13::int IS NOT NULL
          THEN (CASE WHEN $7::boolean THEN $8::timestamptz ELSE due_at END) - make_interval(mins => $13::int)
        WHEN $12::boolean THEN $14::timestamptz
        WHEN $7::boolean AND remind_minutes_before IS NOT NULL
          THEN $8::timestamptz - make_interval(mins => remind_minutes_before)
        ELSE remind_at END,
      reminder_sent_at = CASE
        WHEN $12::boolean OR ($7::boolean AND remind_minutes_before IS NOT NULL) THEN NULL
        ELSE reminder_sent_at END,
      updated_at = now()
    WHERE id = $1 AND owner_id = $2`;
const UPDATE = {
  name: 'tasks-update',
  text: withTaskEvent(UPDATED_OR_COMPLETED, `${UPDATE_SET} RETURNING ${COLUMNS}`),
};
/** The same update, inside a completion's transaction: the row lock it takes orders completions. */
const UPDATE_COMPLETING = {
  name: 'tasks-update-completing',
  text: withTaskEvent(
    UPDATED_OR_COMPLETED,
    `${UPDATE_SET} RETURNING ${COLUMNS}, ${SERIES_COLUMNS},
    (SELECT "timeZone" FROM "user" WHERE id = $2::uuid) AS "timeZone"`,
  ),
};
const LINK_NEXT = {
  name: 'tasks-link-next',
  text: 'UPDATE task SET next_task_id = $3 WHERE id = $1 AND owner_id = $2',
};
const DELETE = {
  name: 'tasks-delete',
  text: withTaskEvent("'task.deleted'", `DELETE FROM task WHERE id = $1 AND owner_id = $2 RETURNING ${COLUMNS}`),
};

function updateValues(id: string, ownerId: string, changes: TaskUpdate): unknown[] {
  return [
    id,
    ownerId,
    changes.title ?? null,
    changes.description ?? null,
    changes.priority ?? null,
    changes.tags ?? null,
    changes.dueAt !== undefined,
    changes.dueAt ?? null,
    changes.completed ?? null,
    changes.recurrence !== undefined,
    changes.recurrence ?? null,
    changes.remindAt !== undefined || changes.remindMinutesBefore !== undefined,
    changes.remindMinutesBefore ?? null,
    changes.remindAt ?? null,
  ];
}

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
      fields.recurrence ?? null,
      null,
      1,
      fields.remindMinutesBefore ?? null,
      fields.remindAt ?? null,
    ]);
    return row ?? 'limit';
  }

  async updateForOwner(id: string, ownerId: string, changes: TaskUpdate): Promise<TaskRow | null> {
    const [row] = await this.rows<TaskRow>(UPDATE, updateValues(id, ownerId, changes));
    return row ?? null;
  }

  /**
   * Applies `changes` (which complete the task) and, in the same transaction, creates the next
   * occurrence `planNext` returns, unless this task already has one. The UPDATE's row lock orders
   * concurrent completions of one task: each later one finds `next_task_id` set and creates
   * nothing, so twenty at once make one next occurrence. The next counts toward the owner's cap.
   */
  async completeForOwner(
    id: string,
    ownerId: string,
    changes: TaskUpdate,
    planNext: (completed: CompletedTaskRow) => NextTaskFields | null,
    maxTasks: number,
  ): Promise<{ task: TaskRow; next: TaskRow | null } | null | 'limit'> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const [completed] = (
        await client.query<CompletedTaskRow>({ ...UPDATE_COMPLETING, values: updateValues(id, ownerId, changes) })
      ).rows;
      if (!completed) {
        await client.query('ROLLBACK');
        return null;
      }
      const { timeZone: _zone, recurrenceAnchor: _anchor, recurrenceIndex: _index, nextTaskId, ...task } = completed;
      let next: TaskRow | null = null;
      if (nextTaskId !== null) {
        next = (await client.query<TaskRow>({ ...FIND, values: [nextTaskId, ownerId] })).rows[0] ?? null;
      } else {
        const plan = completed.completed ? planNext(completed) : null;
        if (plan) {
          next =
            (
              await client.query<TaskRow>({
                ...CREATE,
                values: [
                  ownerId,
                  plan.title,
                  plan.description,
                  plan.priority,
                  plan.tags,
                  plan.dueAt,
                  false,
                  null,
                  maxTasks,
                  plan.recurrence,
                  plan.recurrenceAnchor,
                  plan.recurrenceIndex,
                  plan.remindMinutesBefore,
                  plan.remindAt,
                ],
              })
            ).rows[0] ?? null;
          if (!next) {
            await client.query('ROLLBACK');
            return 'limit';
          }
          await client.query({ ...LINK_NEXT, values: [id, ownerId, next.id] });
        }
      }
      await client.query('COMMIT');
      return { task, next };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async deleteForOwner(id: string, ownerId: string): Promise<boolean> {
    return Boolean((await this.pool.query({ ...DELETE, values: [id, ownerId] })).rowCount);
  }

  /** One page in keyset order, plus one row more to tell whether another page follows. */
  async listPageForOwner(ownerId: string, filters: TaskFilters, page: TaskPageRequest): Promise<TaskRow[]> {
    return this.rows<TaskRow>(listStatement(filters, page), listValues(ownerId, filters, page));
  }
}
