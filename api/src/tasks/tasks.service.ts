import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateTaskDto } from './dto/create-task.dto.js';
import type { ListTasksQueryDto } from './dto/list-tasks-query.dto.js';
import { TASK_LIMITS } from './dto/task-fields.js';
import type { ReplaceTaskDto } from './dto/replace-task.dto.js';
import { type TaskListResponseDto, type TaskResponseDto, toTaskResponse } from './dto/task-response.dto.js';
import type { UpdateTaskDto } from './dto/update-task.dto.js';
import { decodeCursor, encodeCursor, sortValueOf } from './task-cursor.js';
import { type TaskRow, type TaskUpdate, TasksRepository } from './tasks.repository.js';

const DEFAULTS = { description: '', priority: 'medium', tags: [] as string[], dueAt: null, completed: false } as const;

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
      },
      TASK_LIMITS.tasksPerUserMax,
    );
    if (task === 'limit') {
      throw new ConflictException(
        `You already have ${TASK_LIMITS.tasksPerUserMax} tasks, the most an account may keep; delete some before adding more.`,
      );
    }
    return toTaskResponse(task);
  }

  async get(ownerId: string, id: string): Promise<TaskResponseDto> {
    return toTaskResponse(await this.findOwned(ownerId, id));
  }

  async replace(ownerId: string, id: string, dto: ReplaceTaskDto): Promise<TaskResponseDto> {
    return this.save(ownerId, id, {
      title: dto.title,
      description: dto.description ?? DEFAULTS.description,
      priority: dto.priority ?? DEFAULTS.priority,
      tags: normalizeTags(dto.tags ?? DEFAULTS.tags),
      dueAt: toDate(dto.dueAt) ?? DEFAULTS.dueAt,
      completed: dto.completed ?? DEFAULTS.completed,
    });
  }

  async update(ownerId: string, id: string, dto: UpdateTaskDto): Promise<TaskResponseDto> {
    const changes: TaskUpdate = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.priority !== undefined) changes.priority = dto.priority;
    if (dto.tags !== undefined) changes.tags = normalizeTags(dto.tags);
    if (dto.dueAt !== undefined) changes.dueAt = toDate(dto.dueAt) ?? null;
    if (dto.completed !== undefined) changes.completed = dto.completed;
    if (Object.keys(changes).length === 0) return this.get(ownerId, id);
    return this.save(ownerId, id, changes);
  }

  async complete(ownerId: string, id: string, completed = true): Promise<TaskResponseDto> {
    return this.save(ownerId, id, { completed });
  }

  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.tasks.deleteForOwner(id, ownerId))) throw taskNotFound();
  }

  private async findOwned(ownerId: string, id: string): Promise<TaskRow> {
    const task = await this.tasks.findOneForOwner(id, ownerId);
    if (!task) throw taskNotFound();
    return task;
  }

  /** One UPDATE … RETURNING: `completedAt` follows `completed` in the statement itself. */
  private async save(ownerId: string, id: string, changes: TaskUpdate): Promise<TaskResponseDto> {
    const updated = await this.tasks.updateForOwner(id, ownerId, changes);
    if (!updated) throw taskNotFound();
    return toTaskResponse(updated);
  }
}

/** The same answer for a task that never existed and for someone else's. */
function taskNotFound(): NotFoundException {
  return new NotFoundException('No such task.');
}
