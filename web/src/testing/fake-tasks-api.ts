import type { Task } from '../features/tasks/api/types';
import { buildTask } from './task-builder';

export interface SeenRequest {
  method: string;
  path: string;
  search: string;
  body: string;
  ifMatch: string | null;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ status, title: 'Error', detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** The next tag of a task: the API's are its write counter in quotes. */
const nextTag = (etag: string) => `"${Number(etag.slice(1, -1)) + 1}"`;

/**
 * The tasks routes of the API, in memory, as a `fetch`: what the SPA's real API client sends is
 * recorded and answered as the API would (404 for an id it does not know; each write gives the
 * task a new ETag, and one whose If-Match is not the current tag is refused with 412). Creations can be held
 * back, to act in the moment before the server answers.
 */
export function fakeTasksApi() {
  const tasks: Task[] = [];
  /** The id of every task created, in order, even those deleted since. */
  const createdIds: string[] = [];
  const requests: SeenRequest[] = [];
  let holdCreations = false;
  let refuseCreations = false;
  const held: Array<() => void> = [];

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = await request.text();
    requests.push({
      method: request.method,
      path: url.pathname,
      search: url.search,
      body,
      ifMatch: request.headers.get('If-Match'),
    });
    const [, , resource, id, action] = url.pathname.split('/');
    if (resource !== 'tasks') return problem(404, 'No such route.');
    if (!id && request.method === 'GET') {
      const status = url.searchParams.get('status') ?? 'all';
      const q = url.searchParams.get('q')?.toLowerCase();
      const items = tasks.filter(
        (task) =>
          (status === 'all' || task.completed === (status === 'done')) && (!q || task.title.toLowerCase().includes(q)),
      );
      return json(200, { items, nextCursor: null });
    }
    if (!id && request.method === 'POST') {
      if (holdCreations) await new Promise<void>((release) => held.push(release));
      if (refuseCreations) return problem(400, 'The request is not valid.');
      const input = JSON.parse(body) as Partial<Task>;
      const now = new Date().toISOString();
      const task = buildTask({
        title: input.title ?? '',
        description: input.description ?? '',
        priority: input.priority ?? 'medium',
        tags: input.tags ?? [],
        dueAt: input.dueAt ?? null,
        recurrence: input.recurrence ?? null,
        remindAt: input.remindAt ?? null,
        remindMinutesBefore: input.remindMinutesBefore ?? null,
        createdAt: now,
        updatedAt: now,
      });
      tasks.unshift(task);
      createdIds.push(task.id);
      return json(201, task);
    }
    const index = tasks.findIndex((task) => task.id === id);
    if (index < 0) return problem(404, 'Task not found.');
    const task = tasks[index];
    if (request.method === 'GET') return json(200, task);
    const ifMatch = request.headers.get('If-Match');
    if (ifMatch !== null && ifMatch !== '*' && ifMatch !== task.etag) {
      return problem(412, 'The task has changed since the ETag in If-Match was read; nothing was changed.');
    }
    if (request.method === 'PATCH') task.etag = nextTag(task.etag);
    if (request.method === 'DELETE') {
      tasks.splice(index, 1);
      return new Response(null, { status: 204 });
    }
    if (request.method === 'PATCH') {
      const changes = JSON.parse(body || '{}') as Partial<Task>;
      if (action !== 'complete') return json(200, Object.assign(task, changes));
      Object.assign(task, { completed: changes.completed ?? true });
      // A repeating task's next occurrence, a week on (the real API expands the rule; tests need a date).
      const next =
        task.completed && task.recurrence && task.dueAt
          ? {
              ...task,
              id: crypto.randomUUID(),
              completed: false,
              dueAt: new Date(Date.parse(task.dueAt) + 7 * 86_400_000).toISOString(),
            }
          : null;
      if (next) tasks.unshift(next);
      return json(200, { ...task, next });
    }
    return problem(405, 'Method not allowed.');
  };

  return {
    tasks,
    createdIds,
    requests,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => handle(new Request(input, init)),
    /** Another tab or device changes the task: it gets a new tag, the board does not hear of it. */
    changeElsewhere: (id: string, changes: Partial<Task>) => {
      const task = tasks.find((candidate) => candidate.id === id);
      if (!task) throw new Error(`no task ${id}`);
      Object.assign(task, changes, { etag: nextTag(task.etag) });
    },
    /** From now on, creations wait for `releaseCreations`. */
    holdCreations: () => {
      holdCreations = true;
    },
    releaseCreations: () => {
      holdCreations = false;
      held.splice(0).forEach((release) => release());
    },
    /** From now on, creations are answered 400. */
    refuseCreations: () => {
      refuseCreations = true;
    },
    /** How many creations are waiting to be answered. */
    heldCreations: () => held.length,
  };
}
