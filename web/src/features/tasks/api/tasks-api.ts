import { api } from '../../../lib/api-client';
import { toApiError } from '../../../lib/api-error';
import type { CompletedTask, NewTask, Task, TaskChanges, TaskPage, TaskQuery } from './types';

/**
 * The tasks routes, addressed either as the caller's (/api/tasks) or by user id
 * (/api/users/{userId}/tasks, for links that name a user — the API answers 403 for anyone else).
 */
export function tasksApi(userId?: string) {
  const fail = (error: unknown, response: Response): never => {
    throw toApiError(error, response);
  };
  return {
    async list(query: TaskQuery): Promise<TaskPage> {
      const { data, error, response } = userId
        ? await api.GET('/api/users/{userId}/tasks', { params: { path: { userId }, query } })
        : await api.GET('/api/tasks', { params: { query } });
      return data ?? fail(error, response);
    },
    async create(body: NewTask): Promise<Task> {
      const { data, error, response } = userId
        ? await api.POST('/api/users/{userId}/tasks', { params: { path: { userId } }, body })
        : await api.POST('/api/tasks', { body });
      return data ?? fail(error, response);
    },
    async update(id: string, body: TaskChanges): Promise<Task> {
      const { data, error, response } = userId
        ? await api.PATCH('/api/users/{userId}/tasks/{id}', { params: { path: { userId, id } }, body })
        : await api.PATCH('/api/tasks/{id}', { params: { path: { id } }, body });
      return data ?? fail(error, response);
    },
    async complete(id: string, completed: boolean): Promise<CompletedTask> {
      const { data, error, response } = userId
        ? await api.PATCH('/api/users/{userId}/tasks/{id}/complete', {
            params: { path: { userId, id } },
            body: { completed },
          })
        : await api.PATCH('/api/tasks/{id}/complete', { params: { path: { id } }, body: { completed } });
      return data ?? fail(error, response);
    },
    async remove(id: string): Promise<void> {
      const { error, response } = userId
        ? await api.DELETE('/api/users/{userId}/tasks/{id}', { params: { path: { userId, id } } })
        : await api.DELETE('/api/tasks/{id}', { params: { path: { id } } });
      if (!response.ok) fail(error, response);
    },
  };
}
