import type { Scope } from '../auth/scopes/scopes.js';
import type { TaskListResponseDto, TaskResponseDto } from '../tasks/dto/task-response.dto.js';
import type { TasksService } from '../tasks/tasks.service.js';
import {
  CompleteTaskArgumentsDto,
  CreateTaskArgumentsDto,
  DeleteTaskArgumentsDto,
  ListTasksArgumentsDto,
  UpdateTaskArgumentsDto,
} from './dto/tool-arguments.dto.js';

type Result = TaskListResponseDto | TaskResponseDto | { deleted: true; id: string };

/** One MCP tool: what it needs (the same scope as its REST route), what it takes, what it does. */
export interface TaskTool<Arguments extends object = object> {
  name: string;
  title: string;
  description: string;
  scope: Scope;
  /** The class-validator DTO its arguments must pass; its OpenAPI schema is the tool's inputSchema. */
  arguments: new () => Arguments;
  readOnly: boolean;
  destructive: boolean;
  /** Runs for the verified caller only: `ownerId` is the token's user, never an argument. */
  run(tasks: TasksService, ownerId: string, input: Arguments): Promise<Result>;
}

const tool = <Arguments extends object>(definition: TaskTool<Arguments>) => definition as unknown as TaskTool;

export const TASK_TOOLS: readonly TaskTool[] = [
  tool({
    name: 'list_tasks',
    title: 'List tasks',
    description:
      'Lists your tasks, newest first unless sorted otherwise, 20 per page (limit up to 100). ' +
      'Filter by status, priority, tag, text or due date; pass nextCursor back as cursor for the next page.',
    scope: 'tasks:read',
    arguments: ListTasksArgumentsDto,
    readOnly: true,
    destructive: false,
    run: (tasks, ownerId, input) => tasks.list(ownerId, input),
  }),
  tool({
    name: 'create_task',
    title: 'Create a task',
    description: 'Creates a task with a title and optionally a description, priority, tags and due date.',
    scope: 'tasks:write',
    arguments: CreateTaskArgumentsDto,
    readOnly: false,
    destructive: false,
    run: (tasks, ownerId, input) => tasks.create(ownerId, input),
  }),
  tool({
    name: 'complete_task',
    title: 'Complete a task',
    description: 'Marks a task done (or reopens it with completed: false).',
    scope: 'tasks:write',
    arguments: CompleteTaskArgumentsDto,
    readOnly: false,
    destructive: false,
    run: (tasks, ownerId, { id, completed }) => tasks.complete(ownerId, id, completed ?? true),
  }),
  tool({
    name: 'update_task',
    title: 'Update a task',
    description: 'Changes only the fields given; dueAt: null clears the due date.',
    scope: 'tasks:write',
    arguments: UpdateTaskArgumentsDto,
    readOnly: false,
    destructive: false,
    run: (tasks, ownerId, { id, ...changes }) => tasks.update(ownerId, id, changes),
  }),
  tool({
    name: 'delete_task',
    title: 'Delete a task',
    description: 'Deletes a task for good.',
    scope: 'tasks:write',
    arguments: DeleteTaskArgumentsDto,
    readOnly: false,
    destructive: true,
    run: async (tasks, ownerId, { id }) => {
      await tasks.remove(ownerId, id);
      return { deleted: true, id };
    },
  }),
];

export function findTaskTool(name: unknown): TaskTool | undefined {
  return TASK_TOOLS.find((candidate) => candidate.name === name);
}
