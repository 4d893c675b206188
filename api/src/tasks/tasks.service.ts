import { ConflictException, Injectable, NotFoundException, PreconditionFailedException } from '@nestjs/common';
import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';
import type { CreateTaskDto } from './dto/create-task.dto.js';
import type { ListTasksQueryDto } from './dto/list-tasks-query.dto.js';
import { TASK_LIMITS } from './dto/task-fields.js';
import type { ReplaceTaskDto } from './dto/replace-task.dto.js';
import {
  type CompletedTaskResponseDto,
  type TaskListResponseDto,
  type TaskResponseDto,
  toTaskResponse,
} from './dto/task-response.dto.js';
import type { UpdateTaskDto } from './dto/update-task.dto.js';
import { decodeCursor, encodeCursor, sortValueOf } from './task-cursor.js';
import { admits, type TaskPrecondition } from './task-etag.js';
import { nextOccurrence } from './recurrence/next-occurrence.js';
import { formatRecurrence, parseRecurrence, RECURRENCE_LIMITS } from './recurrence/recurrence-rule.js';
import {
  type CompletedTaskRow,
  type NextTaskFields,
  type TaskRow,
  type TaskUpdate,
  TasksRepository,
} from './tasks.repository.js';

const DEFAULTS = {
  description: '',
  priority: 'medium',
  tags: [] as string[],
  dueAt: null,
  completed: false,
  recurrence: null,
  remindAt: null,
  remindMinutesBefore: null,
} as const;

/** Tags keep the order given; a repeated tag counts once. */
export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags)];
}

const toDate = (value: string | null | undefined) => (value === null || value === undefined ? value : new Date(value));

/** The rules of tasks. The owner is always the caller proven by the token: never the URL, never the body. */
@Injectable()
export class TasksService {
  constructor(private readonly tasks: TasksRepository) {}

  async list(ownerId: string, query: ListTasksQueryDto): Promise<TaskListResponseDto> {
    const sort = query.sort ?? 'createdAt';
    const order = query.order ?? 'desc';
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor, sort, order) : undefined;
    const rows = await this.tasks.listPageForOwner(
      ownerId,
      {
        status: query.status ?? 'all',
        priority: query.priority,
        tag: query.tag,
        q: query.q,
        dueBefore: toDate(query.dueBefore) ?? undefined,
        dueAfter: toDate(query.dueAfter) ?? undefined,
        due: query.due,
      },
      { sort, order, limit, after },
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ sort, order, value: sortValueOf(last, sort), id: last.id }) : null;
    return { items: items.map(toTaskResponse), nextCursor };
  }

  /** Every task of the owner, for the account export. */
  async listAll(ownerId: string): Promise<TaskResponseDto[]> {
    return (await this.tasks.findAllForOwner(ownerId)).map(toTaskResponse);
  }

  async create(ownerId: string, dto: CreateTaskDto): Promise<TaskResponseDto> {
    const recurrence = canonicalRecurrence(dto.recurrence);
    if (recurrence && !dto.dueAt) throw recurrenceWithoutDueDate('recurrence');
    const reminder = reminderOf(dto);
    if (reminder.remindMinutesBefore !== null && !dto.dueAt) throw reminderWithoutDueDate();
    const task = await this.tasks.createForOwner(
      ownerId,
      {
        title: dto.title,
        description: dto.description ?? DEFAULTS.description,
        priority: dto.priority ?? DEFAULTS.priority,
        tags: normalizeTags(dto.tags ?? DEFAULTS.tags),
        dueAt: toDate(dto.dueAt) ?? null,
        completed: false,
        completedAt: null,
        recurrence,
        ...reminder,
      },
      TASK_LIMITS.tasksPerUserMax,
    );
    if (task === 'limit') throw taskLimitReached();
    return toTaskResponse(task);
  }

  async get(ownerId: string, id: string): Promise<TaskResponseDto> {
    return toTaskResponse(await this.findOwned(ownerId, id));
  }

  async replace(
    ownerId: string,
    id: string,
    dto: ReplaceTaskDto,
    precondition?: TaskPrecondition,
  ): Promise<TaskResponseDto> {
    return this.save(ownerId, id, precondition, {
      title: dto.title,
      description: dto.description ?? DEFAULTS.description,
      priority: dto.priority ?? DEFAULTS.priority,
      tags: normalizeTags(dto.tags ?? DEFAULTS.tags),
      dueAt: toDate(dto.dueAt) ?? DEFAULTS.dueAt,
      completed: dto.completed ?? DEFAULTS.completed,
      recurrence: canonicalRecurrence(dto.recurrence) ?? DEFAULTS.recurrence,
      ...reminderOf(dto),
    });
  }

  async update(
    ownerId: string,
    id: string,
    dto: UpdateTaskDto,
    precondition?: TaskPrecondition,
  ): Promise<TaskResponseDto> {
    const changes: TaskUpdate = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.priority !== undefined) changes.priority = dto.priority;
    if (dto.tags !== undefined) changes.tags = normalizeTags(dto.tags);
    if (dto.dueAt !== undefined) changes.dueAt = toDate(dto.dueAt) ?? null;
    if (dto.completed !== undefined) changes.completed = dto.completed;
    if (dto.recurrence !== undefined) changes.recurrence = canonicalRecurrence(dto.recurrence);
    if (dto.remindAt !== undefined || dto.remindMinutesBefore !== undefined) Object.assign(changes, reminderOf(dto));
    if (Object.keys(changes).length === 0) {
      // Nothing to write: the precondition is checked against the task as read.
      const task = await this.findOwned(ownerId, id);
      if (!admits(precondition, task.version)) throw taskChanged();
      return toTaskResponse(task);
    }
    return this.save(ownerId, id, precondition, changes);
  }

  /** Completing a recurring task creates its next occurrence, once (see completeForOwner). */
  async complete(
    ownerId: string,
    id: string,
    completed = true,
    precondition?: TaskPrecondition,
  ): Promise<CompletedTaskResponseDto> {
    if (!completed) return { ...(await this.save(ownerId, id, precondition, { completed })), next: null };
    const { task, next } = await this.completeAndPlanNext(ownerId, id, precondition, { completed });
    return { ...toTaskResponse(task), next: next && toTaskResponse(next) };
  }

  async remove(ownerId: string, id: string, precondition?: TaskPrecondition): Promise<void> {
    if (!(await this.tasks.deleteForOwner(id, ownerId, precondition?.versions ?? null))) {
      throw await this.notWritten(ownerId, id, precondition);
    }
  }

  private async findOwned(ownerId: string, id: string): Promise<TaskRow> {
    const task = await this.tasks.findOneForOwner(id, ownerId);
    if (!task) throw taskNotFound();
    return task;
  }

  /**
   * Why a write matched no row. Without a precondition: no such task (no second query, the hot
   * path). With one, the write already refused; this read only picks the answer: 412 when the
   * owner's task exists at another version, 404 when it is gone or someone else's.
   */
  private async notWritten(ownerId: string, id: string, precondition?: TaskPrecondition): Promise<Error> {
    if (precondition === undefined) return taskNotFound();
    return (await this.tasks.findOneForOwner(id, ownerId)) ? taskChanged() : taskNotFound();
  }

  /**
   * One UPDATE … RETURNING: `completedAt` follows `completed` in the statement itself. A change
   * that completes the task (PUT or PATCH with completed: true) moves a series on, as /complete does.
   */
  private async save(
    ownerId: string,
    id: string,
    precondition: TaskPrecondition | undefined,
    changes: TaskUpdate,
  ): Promise<TaskResponseDto> {
    if (changes.completed === true) {
      return toTaskResponse((await this.completeAndPlanNext(ownerId, id, precondition, changes)).task);
    }
    const expected = precondition?.versions ?? null;
    const updated = await withRecurrenceCheck(() => this.tasks.updateForOwner(id, ownerId, changes, expected));
    if (!updated) throw await this.notWritten(ownerId, id, precondition);
    return toTaskResponse(updated);
  }

  private async completeAndPlanNext(
    ownerId: string,
    id: string,
    precondition: TaskPrecondition | undefined,
    changes: TaskUpdate,
  ): Promise<{ task: TaskRow; next: TaskRow | null }> {
    const expected = precondition?.versions ?? null;
    const result = await withRecurrenceCheck(() =>
      this.tasks.completeForOwner(id, ownerId, changes, planNextOccurrence, TASK_LIMITS.tasksPerUserMax, expected),
    );
    if (result === null) throw await this.notWritten(ownerId, id, precondition);
    if (result === 'limit') throw taskLimitReached();
    return result;
  }
}

/** The next task of a series: the same fields, the next due date, what is left of the rule. */
export function planNextOccurrence(task: CompletedTaskRow): NextTaskFields | null {
  if (task.recurrence === null || task.recurrenceAnchor === null || task.dueAt === null) return null;
  if (task.recurrenceIndex >= RECURRENCE_LIMITS.occurrencesMax) return null;
  const parsed = parseRecurrence(task.recurrence);
  if (!parsed.ok) return null; // stored rules were validated on the way in; a stale one ends its series
  const next = nextOccurrence({ rule: parsed.rule, anchor: task.recurrenceAnchor }, task.dueAt, task.timeZone);
  if (next === null) return null;
  // A reminder relative to the due date follows it; an absolute one keeps its distance to it.
  const shiftedReminder =
    task.remindMinutesBefore === null && task.remindAt !== null
      ? new Date(task.remindAt.getTime() + (next.dueAt.getTime() - task.dueAt.getTime()))
      : null;
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: task.tags,
    remindMinutesBefore: task.remindMinutesBefore,
    remindAt: shiftedReminder,
    dueAt: next.dueAt,
    recurrence: formatRecurrence(next.recurrence.rule),
    recurrenceAnchor: next.recurrence.anchor,
    recurrenceIndex: task.recurrenceIndex + 1,
  };
}

/** The stored form of a validated rule; null and undefined pass through. */
function canonicalRecurrence(text: string | null | undefined): string | null | undefined {
  if (text === null || text === undefined) return text;
  const parsed = parseRecurrence(text);
  if (!parsed.ok) throw new ValidationFailedException([{ field: 'recurrence', message: parsed.message }]);
  return formatRecurrence(parsed.rule);
}

function recurrenceWithoutDueDate(field: 'recurrence' | 'dueAt'): ValidationFailedException {
  return new ValidationFailedException([
    {
      field,
      message: 'a recurring task needs a dueAt (send recurrence: null to stop repeating and clear the due date)',
    },
  ]);
}

/** A reminder is one of two kinds: given both, the client meant something we cannot guess. */
function reminderOf(dto: { remindAt?: string | null; remindMinutesBefore?: number | null }): {
  remindAt: Date | null;
  remindMinutesBefore: number | null;
} {
  const given = (value: unknown) => value !== null && value !== undefined;
  if (given(dto.remindAt) && given(dto.remindMinutesBefore)) {
    throw new ValidationFailedException([
      { field: 'remindAt', message: 'send remindAt or remindMinutesBefore, not both' },
    ]);
  }
  return { remindAt: toDate(dto.remindAt) ?? null, remindMinutesBefore: dto.remindMinutesBefore ?? null };
}

function reminderWithoutDueDate(): ValidationFailedException {
  return new ValidationFailedException([
    { field: 'remindMinutesBefore', message: 'a reminder before the due date needs a dueAt' },
  ]);
}

/** The table refuses a recurring task or a relative reminder without a due date; the client hears why, as a 400. */
async function withRecurrenceCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23514' && constraint === 'task_recurrence_needs_due_check') throw recurrenceWithoutDueDate('dueAt');
    if (code === '23514' && constraint === 'task_reminder_before_due_check') throw reminderWithoutDueDate();
    throw error;
  }
}

function taskLimitReached(): ConflictException {
  return new ConflictException(
    `You already have ${TASK_LIMITS.tasksPerUserMax} tasks, the most an account may keep; delete some before adding more.`,
  );
}

function taskChanged(): PreconditionFailedException {
  return new PreconditionFailedException(
    'The task has changed since the ETag in If-Match was read; nothing was changed. Read it again and retry.',
  );
}

/** The same answer for a task that never existed and for someone else's. */
function taskNotFound(): NotFoundException {
  return new NotFoundException('No such task.');
}
