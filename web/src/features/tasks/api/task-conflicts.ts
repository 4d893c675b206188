import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Task, TaskChanges } from './types';

/** What the person tried when the API said the task had changed elsewhere. */
export type MyChange =
  { kind: 'update'; changes: TaskChanges } | { kind: 'complete'; completed: boolean } | { kind: 'delete' };

export interface TaskConflict {
  mine: MyChange;
  /** The version that won, as the API answered it right after the 412. */
  theirs: Task;
}

/**
 * The conflicts waiting for the person's choice, by task key. Kept beside the query cache rather
 * than in the task's component: a refused delete took the task off the board, and it comes back
 * as a new component that must still show the choice.
 */
export class TaskConflicts {
  private readonly conflicts = new Map<string, TaskConflict>();
  private readonly listeners = new Set<() => void>();

  get(taskKey: string): TaskConflict | undefined {
    return this.conflicts.get(taskKey);
  }

  set(taskKey: string, conflict: TaskConflict | undefined): void {
    if (conflict) this.conflicts.set(taskKey, conflict);
    else this.conflicts.delete(taskKey);
    this.listeners.forEach((listener) => listener());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const registries = new WeakMap<QueryClient, TaskConflicts>();

export function taskConflictsOf(client: QueryClient): TaskConflicts {
  let conflicts = registries.get(client);
  if (!conflicts) registries.set(client, (conflicts = new TaskConflicts()));
  return conflicts;
}

/** The conflict of one task, if one waits for a choice; `clear` once it is made. */
export function useTaskConflict(taskKey: string) {
  const conflicts = taskConflictsOf(useQueryClient());
  const conflict = useSyncExternalStore(conflicts.subscribe, () => conflicts.get(taskKey));
  return { conflict, clear: () => conflicts.set(taskKey, undefined) };
}
