import { ValidationFailedException } from '../common/problem-details/validation-failed.exception.js';
import { TASK_PRIORITIES, type TaskEntity } from './task.entity.js';
import type { SortOrder, TaskSortKey } from './dto/list-tasks-query.dto.js';

/** Where the previous page ended: the sort key's value and the id of its last task. */
export interface TaskCursor {
  sort: TaskSortKey;
  order: SortOrder;
  value: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NO_DUE_DATE = 'infinity';

export function sortValueOf(task: Pick<TaskEntity, TaskSortKey>, sort: TaskSortKey): string {
  switch (sort) {
    case 'createdAt':
      return task.createdAt.toISOString();
    case 'dueAt':
      return task.dueAt ? task.dueAt.toISOString() : NO_DUE_DATE;
    case 'priority':
      return task.priority;
    case 'title':
      return task.title;
  }
}

export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString('base64url');
}

/**
 * Reads a cursor back, trusting nothing: it came from the client. Anything that is not exactly
 * what encodeCursor wrote for this sort and order is a 400 naming `cursor`.
 */
export function decodeCursor(raw: string, sort: TaskSortKey, order: SortOrder): TaskCursor {
  const invalid = (message: string) => new ValidationFailedException([{ field: 'cursor', message }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor is not a cursor this API issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((part) => typeof part === 'string')) {
    throw invalid('cursor is not a cursor this API issued');
  }
  const [cursorSort, cursorOrder, value, id] = parsed as string[];
  if (cursorSort !== sort || cursorOrder !== order) throw invalid('cursor belongs to another sort or order');
  if (!UUID.test(id) || !isValidValue(sort, value)) throw invalid('cursor is not a cursor this API issued');
  return { sort, order, value, id };
}

function isValidValue(sort: TaskSortKey, value: string): boolean {
  switch (sort) {
    case 'createdAt':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && Number.isFinite(Date.parse(value));
    case 'dueAt':
      return (
        value === NO_DUE_DATE ||
        (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) && Number.isFinite(Date.parse(value)))
      );
    case 'priority':
      return (TASK_PRIORITIES as readonly string[]).includes(value);
    case 'title':
      return value.length >= 1 && [...value].length <= 200 && !value.includes('\u0000');
  }
}
