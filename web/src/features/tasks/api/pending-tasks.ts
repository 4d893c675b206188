import type { QueryClient } from '@tanstack/react-query';

const OPTIMISTIC_PREFIX = 'optimistic-';

export const isOptimisticId = (id: string) => id.startsWith(OPTIMISTIC_PREFIX);

/** An action on a task whose creation the server refused: there is nothing left to act on. */
export class TaskNotSavedError extends Error {
  constructor() {
    super('This task was not saved.');
  }
}

interface Settlers {
  resolve: (serverId: string) => void;
  reject: (error: unknown) => void;
}

/**
 * The tasks the board shows before the server has created them. Each carries an `optimistic-…`
 * id that never reaches the API: an action on it waits for the server's id instead. Once the
 * server answers, the real task keeps the optimistic id as its React key, so its element — and
 * the focus of a person who is using it — survives the swap.
 */
export class PendingTasks {
  private count = 0;
  private readonly serverIds = new Map<string, Promise<string>>();
  private readonly settlers = new Map<string, Settlers>();
  /** server id → the optimistic id it replaced. Kept for the page's life: keys must not change. */
  private readonly keys = new Map<string, string>();

  /** A fresh optimistic id; settle it with `created` or `failed`. */
  begin(): string {
    this.count += 1;
    const id = `${OPTIMISTIC_PREFIX}${this.count}`;
    const serverId = new Promise<string>((resolve, reject) => this.settlers.set(id, { resolve, reject }));
    // A creation that fails before anyone acted on its task has no one waiting for it.
    serverId.catch(() => undefined);
    this.serverIds.set(id, serverId);
    return id;
  }

  created(optimisticId: string, serverId: string): void {
    this.keys.set(serverId, optimisticId);
    this.settlers.get(optimisticId)?.resolve(serverId);
    this.settlers.delete(optimisticId);
  }

  failed(optimisticId: string): void {
    this.settlers.get(optimisticId)?.reject(new TaskNotSavedError());
    this.settlers.delete(optimisticId);
  }

  /** The id to send to the API: a real id as is, an optimistic one once the server has given its own. */
  async serverId(id: string): Promise<string> {
    if (!isOptimisticId(id)) return id;
    const serverId = this.serverIds.get(id);
    if (!serverId) throw new TaskNotSavedError();
    return serverId;
  }

  /** The task's React key: the same before and after the server's answer. */
  keyOf(id: string): string {
    return this.keys.get(id) ?? id;
  }

  /** Whether `item` is the task an action named by `id`, either side of the swap. */
  isSame(itemId: string, id: string): boolean {
    return itemId === id || this.keyOf(itemId) === id || this.keyOf(id) === itemId;
  }
}

const registries = new WeakMap<QueryClient, PendingTasks>();

/** One registry per query client, like the cache whose optimistic entries it describes. */
export function pendingTasksOf(client: QueryClient): PendingTasks {
  let pending = registries.get(client);
  if (!pending) {
    pending = new PendingTasks();
    registries.set(client, pending);
  }
  return pending;
}
