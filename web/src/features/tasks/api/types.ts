import type { components, operations } from '../../../lib/api/schema';

export type Task = components['schemas']['TaskResponseDto'];
export type TaskPage = components['schemas']['TaskListResponseDto'];
export type NewTask = components['schemas']['CreateTaskDto'];
export type TaskChanges = components['schemas']['UpdateTaskDto'];
export type TaskPriority = Task['priority'];
export type TaskQuery = NonNullable<operations['listTasks']['parameters']['query']>;
export type TaskFilters = Omit<TaskQuery, 'cursor' | 'limit'>;
export type CompletedTask = components['schemas']['CompletedTaskResponseDto'];
