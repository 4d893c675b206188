import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-error';
import { PendingTasks, TaskNotSavedError, isOptimisticId, pendingTasksOf } from './pending-tasks';
import { type MyChange, taskConflictsOf } from './task-conflicts';
import { taskTagsOf } from './task-tags';
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
    queryFn: async ({ pageParam }) => {
      const page = await tasksApi(userId).list({
        ...filters,
        limit: PAGE_SIZE,
        ...(pageParam ? { cursor: pageParam } : {}),
      });
      // The server's tags, as fresh as any this board was answered with.
      taskTagsOf(queryClient).forget(page.items.map((item) => item.id));
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The tasks shown before the server has created them (their ids, their stable keys). */
export function usePendingTasks(): PendingTasks {
  return pendingTasksOf(useQueryClient());
}

/**
 * A write the API refused with 412: the task changed (another tab, another device) since the
 * board last saw it. `theirs` is the newer version, fetched at once, to show next to the change.
 */
export class TaskConflictError extends Error {
  constructor(readonly theirs: Task) {
    super('This task was changed elsewhere.');
  }
}

/** What a change to one task carries: its id and, to resend it over a newer version, that version's tag. */
interface TaskWrite {
  id: string;
  /** If-Match to send instead of the tag in the lists ("Keep mine" after a conflict). */
  etag?: string;
}

function useTaskLists(userId: string | undefined) {
  const queryClient = useQueryClient();
  const pending = usePendingTasks();
  const key = taskKeys.all(userId);
  const mapLists = (change: (items: Task[], pageIndex: number) => Task[]) =>
    queryClient.setQueriesData<Pages>({ queryKey: key }, (data) =>
      data
        ? { ...data, pages: data.pages.map((page, index) => ({ ...page, items: change(page.items, index) })) }
        : data,
    );
  return {
    key,
    mapLists,
    /** The tag the lists show for the task (none for a task not created yet). */
    listedEtag(id: string): string | undefined {
      for (const [, data] of queryClient.getQueriesData<Pages>({ queryKey: key })) {
        const found = data?.pages.flatMap((page) => page.items).find((item) => pending.isSame(item.id, id));
        if (found?.etag) return found.etag;
      }
      return undefined;
    },
    /** The tag a change to the task sends: the newest answer's, else the lists'. */
    etagOf(serverId: string, id: string): string | undefined {
      return taskTagsOf(queryClient).get(serverId) ?? this.listedEtag(id);
    },
    /** A version the server just answered: the next change to it sends its tag. */
    remember(task: Task) {
      taskTagsOf(queryClient).remember(task.id, task.etag, true);
    },
    /** Shows `task` (a version from the server) in place of the board's copy of it. */
    replace(task: Task) {
      taskTagsOf(queryClient).remember(task.id, task.etag, true);
      mapLists((items) => items.map((item) => (pending.isSame(item.id, task.id) ? { ...task, id: item.id } : item)));
    },
  };
}

/** Takes the newer version after a conflict: the board shows it and the person's change is dropped. */
export function useTakeTheirs(userId?: string): (theirs: Task) => void {
  const lists = useTaskLists(userId);
  return (theirs) => lists.replace(theirs);
}

/**
 * Sends a write with If-Match (the tag given, else the board's), and turns a 412 into a
 * TaskConflictError holding the version that won.
 */
async function conditionalWrite<Result>(
  userId: string | undefined,
  serverId: string,
  etag: string | undefined,
  write: (etag: string | undefined) => Promise<Result>,
): Promise<Result> {
  try {
    return await write(etag);
  } catch (error) {
    if (error instanceof ApiError && error.status === 412)
      throw new TaskConflictError(await tasksApi(userId).get(serverId));
    throw error;
  }
}

interface OptimisticChange<Variables, Result> {
  mutationFn: (variables: Variables) => Promise<Result>;
  apply: (items: Task[], variables: Variables, pageIndex: number) => Task[];
  /** Takes back only this change when the API refuses it; without it, the lists go back to before it. */
  revert?: (items: Task[], variables: Variables) => Task[];
  /** Changes with the same scope reach the API one after the other, in the order they were made. */
  scope?: string;
  /** The change as the conflict panel shows it, when the API refuses it over a newer version. */
  asChange?: (variables: Variables) => MyChange;
}

/**
 * Optimistic changes to every cached list of this user: applied at once, taken back if the API
 * refuses, and the lists fetched again once the last change in flight has settled.
 */
function useOptimisticMutation<Variables, Result>(
  userId: string | undefined,
  { mutationFn, apply, revert, scope, asChange }: OptimisticChange<Variables, Result>,
) {
  const queryClient = useQueryClient();
  const lists = useTaskLists(userId);
  const { key, mapLists } = lists;
  return useMutation({
    mutationKey: key,
    scope: scope ? { id: `${key.join('/')}/${scope}` } : undefined,
    mutationFn,
    onMutate: async (variables: Variables) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueriesData<Pages>({ queryKey: key });
      // The tag the board shows now, before this change takes the task off the lists (a delete).
      const id = (variables as { id?: string }).id;
      if (id && !isOptimisticId(id)) taskTagsOf(queryClient).remember(id, lists.listedEtag(id));
      mapLists((items, pageIndex) => apply(items, variables, pageIndex));
      return { snapshot };
    },
    onSuccess: (result, variables) => {
      // The next change to this task (waiting in its scope) must carry the tag this one got back.
      const answer = result as { id?: string; etag?: string } | undefined;
      const id = (variables as { id?: string }).id;
      if (id && answer?.id && answer.etag) {
        const etag = answer.etag;
        taskTagsOf(queryClient).remember(answer.id, etag, true);
        mapLists((items) =>
          items.map((item) => (pendingTasksOf(queryClient).isSame(item.id, id) ? { ...item, etag } : item)),
        );
      }
    },
    onError: (error, variables, context) => {
      // Its task was never created: it left the lists with the refused creation.
      if (error instanceof TaskNotSavedError) return;
      // Here, not in the caller's callbacks: a refused delete's task left the board, and those went with it.
      if (error instanceof TaskConflictError && scope && asChange) {
        taskConflictsOf(queryClient).set(scope, { mine: asChange(variables), theirs: error.theirs });
      }
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
    // No tag until the server answers; then the creation's answer gives it (see useCreateTask).
    etag: '',
  };
}

export function useCreateTask(userId?: string) {
  const pending = usePendingTasks();
  const lists = useTaskLists(userId);
  const mutation = useOptimisticMutation(userId, {
    mutationFn: async ({ optimisticId, task }: Creation) => {
      try {
        const created = await tasksApi(userId).create(task);
        // Changes made to it meanwhile wait for its id, and then send this tag.
        lists.remember(created);
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
  const lists = useTaskLists(userId);
  return useOptimisticMutation(userId, {
    scope: taskKey,
    mutationFn: async ({ id, changes, etag }: TaskWrite & { changes: TaskChanges }) => {
      const serverId = await pending.serverId(id);
      return conditionalWrite(userId, serverId, etag ?? lists.etagOf(serverId, id), (tag) =>
        tasksApi(userId).update(serverId, changes, tag),
      );
    },
    asChange: ({ changes }) => ({ kind: 'update', changes }),
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
  const lists = useTaskLists(userId);
  return useOptimisticMutation(userId, {
    scope: taskKey,
    mutationFn: async ({ id, completed, etag }: TaskWrite & { completed: boolean }) => {
      const serverId = await pending.serverId(id);
      return conditionalWrite(userId, serverId, etag ?? lists.etagOf(serverId, id), (tag) =>
        tasksApi(userId).complete(serverId, completed, tag),
      );
    },
    asChange: ({ completed }) => ({ kind: 'complete', completed }),
    apply: (items, { id, completed }) =>
      items.map((item) => (pending.isSame(item.id, id) ? { ...item, completed } : item)),
  });
}

export function useDeleteTask(taskKey: string, userId?: string) {
  const pending = usePendingTasks();
  const lists = useTaskLists(userId);
  return useOptimisticMutation(userId, {
    scope: taskKey,
    mutationFn: async ({ id, etag }: TaskWrite) => {
      const serverId = await pending.serverId(id);
      return conditionalWrite(userId, serverId, etag ?? lists.etagOf(serverId, id), (tag) =>
        tasksApi(userId).remove(serverId, tag),
      );
    },
    asChange: () => ({ kind: 'delete' }),
    apply: (items, { id }) => items.filter((item) => !pending.isSame(item.id, id)),
  });
}
