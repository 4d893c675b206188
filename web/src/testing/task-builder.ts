import type { Task } from '../features/tasks/api/types';

/** A task as the API answers it: an open one with no due date, recurrence or reminder, unless `patch` says. */
export function buildTask(patch: Partial<Task> = {}): Task {
  return {
    id: crypto.randomUUID(),
    title: 'A task',
    description: '',
    completed: false,
    priority: 'medium',
    tags: [],
    dueAt: null,
    completedAt: null,
    recurrence: null,
    remindAt: null,
    remindMinutesBefore: null,
    reminderSentAt: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    etag: '"1"',
    ...patch,
  };
}
