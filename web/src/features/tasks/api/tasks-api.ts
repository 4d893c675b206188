import { api } from '../../../lib/api-client';
import { toApiError } from '../../../lib/api-error';
import type { CompletedTask, NewTask, Task, TaskChanges, TaskPage, TaskQuery } from './types';

/** `If-Match` for a write: the tag the board last saw, or none for a task it has no tag of yet. */
const ifMatch = (etag?: string) => (etag ? { 'If-Match': etag } : {});

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
    async get(id: string): Promise<Task> {
      const { data, error, response } = userId
        ? await api.GET('/api/users/{userId}/tasks/{id}', { params: { path: { userId, id } } })
        : await api.GET('/api/tasks/{id}', { params: { path: { id } } });
      return data ?? fail(error, response);
    },
    /** With `etag`, the API changes the task only if no one else has since (else 412). */
    async update(id: string, body: TaskChanges, etag?: string): Promise<Task> {
      const header = ifMatch(etag);
      const { data, error, response } = userId
        ? await api.PATCH('/api/users/{userId}/tasks/{id}', { params: { path: { userId, id }, header }, body })
        : await api.PATCH('/api/tasks/{id}', { params: { path: { id }, header }, body });
      return data ?? fail(error, response);
    },
    async complete(id: string, completed: boolean, etag?: string): Promise<CompletedTask> {
      const header = ifMatch(etag);
      const { data, error, response } = userId
        ? await api.PATCH('/api/users/{userId}/tasks/{id}/complete', {
            params: { path: { userId, id }, header },
            body: { completed },
          })
        : await api.PATCH('/api/tasks/{id}/complete', { params: { path: { id }, header }, body: { completed } });
      return data ?? fail(error, response);
    },
    async remove(id: string, etag?: string): Promise<void> {
      const header = ifMatch(etag);
      const { error, response } = userId
        ? await api.DELETE('/api/users/{userId}/tasks/{id}', { params: { path: { userId, id }, header } })
        : await api.DELETE('/api/tasks/{id}', { params: { path: { id }, header } });
      if (!response.ok) fail(error, response);
    },
  };
}
