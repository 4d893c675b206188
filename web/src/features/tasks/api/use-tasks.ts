import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { PendingTasks, TaskNotSavedError, pendingTasksOf } from './pending-tasks';
import { tasksApi } from './tasks-api';
import type { NewTask, Task, TaskChanges, TaskFilters, TaskPage } from './types';

const PAGE_SIZE = 20;
type Pages = InfiniteData<TaskPage, string | undefined>;

export const taskKeys = {
  all: (userId?: string) => ['tasks', userId ?? 'me'] as const,
  list: (userId: string | undefined, filters: TaskFilters) => [...taskKeys.all(userId), filters] as const,
};

export function useTaskList(filters: TaskFilters, userId?: string) {
  const queryClient = useQueryClient();
  // The server's lists do not have the changes still in flight yet: showing them would take a
  // task being created off the screen, under the person using it.
  const idle = () => queryClient.isMutating({ mutationKey: taskKeys.all(userId) }) === 0;
  return useInfiniteQuery({
    refetchOnWindowFocus: idle,
    refetchOnReconnect: idle,
    queryKey: taskKeys.list(userId, filters),
    queryFn: ({ pageParam }) =>
      tasksApi(userId).list({ ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The tasks shown before the server has created them (their ids, their stable keys). */
export function usePendingTasks(): PendingTasks {
  return pendingTasksOf(useQueryClient());
}

interface OptimisticChange<Variables, Result> {
  mutationFn: (variables: Variables) => Promise<Result>;
  apply: (items: Task[], variables: Variables, pageIndex: number) => Task[];
  /** Takes back only this change when the API refuses it; without it, the lists go back to before it. */
  revert?: (items: Task[], variables: Variables) => Task[];
  /** Changes with the same scope reach the API one after the other, in the order they were made. */
  scope?: string;
}

/**
 * Optimistic changes to every cached list of this user: applied at once, taken back if the API
 * refuses, and the lists fetched again once the last change in flight has settled.
 */
function useOptimisticMutation<Variables, Result>(
  userId: string | undefined,
  { mutationFn, apply, revert, scope }: OptimisticChange<Variables, Result>,
) {
  const queryClient = useQueryClient();
  const key = taskKeys.all(userId);
  const mapLists = (change: (items: Task[], pageIndex: number) => Task[]) =>
    queryClient.setQueriesData<Pages>({ queryKey: key }, (data) =>
      data
        ? { ...data, pages: data.pages.map((page, index) => ({ ...page, items: change(page.items, index) })) }
        : data,
    );
  return useMutation({
    mutationKey: key,
    scope: scope ? { id: `${key.join('/')}/${scope}` } : undefined,
    mutationFn,
    onMutate: async (variables: Variables) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueriesData<Pages>({ queryKey: key });
      mapLists((items, pageIndex) => apply(items, variables, pageIndex));
      return { snapshot };
    },
    onError: (error, variables, context) => {
      // Its task was never created: it left the lists with the refused creation.
      if (error instanceof TaskNotSavedError) return;
      if (revert) return void mapLists((items) => revert(items, variables));
      for (const [queryKey, data] of context?.snapshot ?? []) queryClient.setQueryData(queryKey, data);
    },
    onSettled: () => {
      // A refetch while another change is in flight would show the server's state from before
      // that change, undoing it on screen for a moment: the last change to settle refetches.
      if (queryClient.isMutating({ mutationKey: key }) === 1) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

interface Creation {
  optimisticId: string;
  task: NewTask;
}

function optimisticTask(id: string, task: NewTask): Task {
  const now = new Date().toISOString();
  return {
    id,
    title: task.title,
    description: task.description ?? '',
    completed: false,
    priority: task.priority ?? 'medium',
    tags: task.tags ?? [],
    dueAt: task.dueAt ?? null,
    completedAt: null,
    recurrence: task.recurrence ?? null,
    // The server computes a relative reminder's time; the optimistic copy shows none until it answers.
    remindAt:
      task.remindMinutesBefore === undefined || task.remindMinutesBefore === null ? (task.remindAt ?? null) : null,
    remindMinutesBefore: task.remindMinutesBefore ?? null,
    reminderSentAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function useCreateTask(userId?: string) {
  const pending = usePendingTasks();
  const mutation = useOptimisticMutation(userId, {
    mutationFn: async ({ optimisticId, task }: Creation) => {
      try {
        const created = await tasksApi(userId).create(task);
        pending.created(optimisticId, created.id);
        return created;
      } catch (error) {
        pending.failed(optimisticId);
        throw error;
      }
    },
    // The new task shows at the top of the first page until the lists are fetched again.
    apply: (items, { optimisticId, task }, pageIndex) =>
      pageIndex > 0 ? items : [optimisticTask(optimisticId, task), ...items],
    revert: (items, { optimisticId }) => items.filter((item) => item.id !== optimisticId),
  });
  // Callers pass the task; the optimistic id is this hook's business.
  return {
    ...mutation,
    mutate: (task: NewTask, options?: Parameters<typeof mutation.mutate>[1]) =>
      mutation.mutate({ optimisticId: pending.begin(), task }, options),
    mutateAsync: (task: NewTask, options?: Parameters<typeof mutation.mutateAsync>[1]) =>
      mutation.mutateAsync({ optimisticId: pending.begin(), task }, options),
  };
}

/**
 * The changes a person makes to one task. `taskKey` (its React key) orders them: they reach the
 * API one after the other, and, for a task still being created, after the server's id is known.
 */
export function useUpdateTask(taskKey: string, userId?: string) {
  const pending = usePendingTasks();
  return useOptimisticMutation(userId, {
    scope: taskKey,
    mutationFn: async ({ id, changes }: { id: string; changes: TaskChanges }) =>
      tasksApi(userId).update(await pending.serverId(id), changes),
    apply: (items, { id, changes }) =>
      items.map((item) =>
        pending.isSame(item.id, id)
          ? ({ ...item, ...changes, dueAt: changes.dueAt === undefined ? item.dueAt : changes.dueAt } as Task)
          : item,
      ),
  });
}

export function useCompleteTask(taskKey: string, userId?: string) {
  const pending = usePendingTasks();
  return useOptimisticMutation(userId, {
    scope: taskKey,
    mutationFn: async ({ id, completed }: { id: string; completed: boolean }) =>
      tasksApi(userId).complete(await pending.serverId(id), completed),
    apply: (items, { id, completed }) =>
      items.map((item) => (pending.isSame(item.id, id) ? { ...item, completed } : item)),
  });
}

export function useDeleteTask(taskKey: string, userId?: string) {
  const pending = usePendingTasks();
  return useOptimisticMutation(userId, {
    scope: taskKey,
    mutationFn: async (id: string) => tasksApi(userId).remove(await pending.serverId(id)),
    apply: (items, id) => items.filter((item) => !pending.isSame(item.id, id)),
  });
}
