import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { tasksApi } from './tasks-api';
import type { NewTask, Task, TaskChanges, TaskFilters, TaskPage } from './types';

const PAGE_SIZE = 20;
type Pages = InfiniteData<TaskPage, string | undefined>;

export const taskKeys = {
  all: (userId?: string) => ['tasks', userId ?? 'me'] as const,
  list: (userId: string | undefined, filters: TaskFilters) => [...taskKeys.all(userId), filters] as const,
};

export function useTaskList(filters: TaskFilters, userId?: string) {
  return useInfiniteQuery({
    queryKey: taskKeys.list(userId, filters),
    queryFn: ({ pageParam }) =>
      tasksApi(userId).list({ ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * Optimistic changes to every cached list of this user: applied at once, rolled back if the API
 * refuses, and the lists fetched again either way.
 */
function useOptimisticMutation<Variables, Result>(
  userId: string | undefined,
  mutationFn: (variables: Variables) => Promise<Result>,
  apply: (items: Task[], variables: Variables, pageIndex: number) => Task[],
) {
  const queryClient = useQueryClient();
  const key = taskKeys.all(userId);
  return useMutation({
    mutationFn,
    onMutate: async (variables: Variables) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueriesData<Pages>({ queryKey: key });
      queryClient.setQueriesData<Pages>({ queryKey: key }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page, index) => ({ ...page, items: apply(page.items, variables, index) })),
            }
          : data,
      );
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      for (const [queryKey, data] of context?.snapshot ?? []) queryClient.setQueryData(queryKey, data);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useCreateTask(userId?: string) {
  // The new task shows at the top of the first page until the lists are fetched again.
  return useOptimisticMutation(
    userId,
    (task: NewTask) => tasksApi(userId).create(task),
    (items, task, pageIndex) =>
      pageIndex > 0
        ? items
        : [
            {
              id: `optimistic-${Date.now()}`,
              title: task.title,
              description: task.description ?? '',
              completed: false,
              priority: task.priority ?? 'medium',
              tags: task.tags ?? [],
              dueAt: task.dueAt ?? null,
              completedAt: null,
              createdAt: new Date().toISOString(),
              updatedAt: new Date().toISOString(),
            },
            ...items,
          ],
  );
}

export function useUpdateTask(userId?: string) {
  return useOptimisticMutation(
    userId,
    ({ id, changes }: { id: string; changes: TaskChanges }) => tasksApi(userId).update(id, changes),
    (items, { id, changes }) =>
      items.map((item) =>
        item.id === id
          ? ({ ...item, ...changes, dueAt: changes.dueAt === undefined ? item.dueAt : changes.dueAt } as Task)
          : item,
      ),
  );
}

export function useCompleteTask(userId?: string) {
  return useOptimisticMutation(
    userId,
    ({ id, completed }: { id: string; completed: boolean }) => tasksApi(userId).complete(id, completed),
    (items, { id, completed }) => items.map((item) => (item.id === id ? { ...item, completed } : item)),
  );
}

export function useDeleteTask(userId?: string) {
  return useOptimisticMutation(
    userId,
    (id: string) => tasksApi(userId).remove(id),
    (items, id) => items.filter((item) => item.id !== id),
  );
}
