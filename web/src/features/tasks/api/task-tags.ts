import type { QueryClient } from '@tanstack/react-query';

/**
 * The ETag of each task as the server last answered a write of this board: what the next change
 * must send in If-Match. The lists hold tags too, but not always the newest one (a delete takes
 * the task off them at once, before it is sent) nor while a change is waiting for the one before
 * it. A fetch of the lists makes theirs the newest again, and forgets these.
 */
export class TaskTags {
  private readonly tags = new Map<string, string>();

  get(serverId: string): string | undefined {
    return this.tags.get(serverId);
  }

  /** Keeps the first tag seen since the lists were fetched, unless `newer` says it comes from an answer. */
  remember(serverId: string, etag: string | undefined, newer = false): void {
    if (!etag) return;
    if (newer || !this.tags.has(serverId)) this.tags.set(serverId, etag);
  }

  forget(serverIds: Iterable<string>): void {
    for (const id of serverIds) this.tags.delete(id);
  }
}

const registries = new WeakMap<QueryClient, TaskTags>();

/** One per query client, like the cache whose tags it completes. */
export function taskTagsOf(client: QueryClient): TaskTags {
  let tags = registries.get(client);
  if (!tags) registries.set(client, (tags = new TaskTags()));
  return tags;
}
