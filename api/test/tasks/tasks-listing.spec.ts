import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SORTS = ['createdAt', 'dueAt', 'priority', 'title'] as const;

describe('tasks: listing, filters, search and pagination', () => {
  let api: TestApp;
  let user: TestUser;
  let allIds: string[];

  beforeAll(async () => {
    api = await startTestApp();
    user = await createUser(api.baseUrl);
    // 57 tasks with many ties: equal titles, priorities, due dates and creation times, and no due date.
    const dataSource = api.app.get(DataSource);
    const rows: Array<{ id: string }> = await dataSource.query(
      `insert into "task" ("owner_id", "title", "priority", "tags", "due_at", "completed", "created_at")
       select $1, 'Task ' || (g % 7), (array['low','medium','high']::task_priority[])[1 + g % 3],
              array['tag' || (g % 4)], case when g % 5 = 0 then null else timestamptz '2030-01-01' + (g % 6) * interval '1 day' end,
              g % 2 = 0, timestamptz '2026-01-01' + (g % 9) * interval '1 minute'
       from generate_series(1, 57) g returning "id"`,
      [user.id],
    );
    allIds = rows.map((row) => row.id);
  });
  afterAll(() => api.close());

  const list = (query: string) =>
    request(api.baseUrl).get(`/api/tasks?${query}`).set('Authorization', `Bearer ${user.jwt}`);

  async function walk(query: string): Promise<Array<Record<string, unknown>>> {
    const seen: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response: request.Response = await list(`${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  it.each(
    SORTS.flatMap(
      (sort) =>
        [
          [sort, 'asc'],
          [sort, 'desc'],
        ] as const,
    ),
  )('walks every page sorted by %s %s and returns every task exactly once, in order', async (sort, order) => {
    const items = await walk(`sort=${sort}&order=${order}`);
    const ids = items.map((item) => item.id as string);
    expect(ids.length).toBe(allIds.length);
    expect(new Set(ids).size).toBe(allIds.length);
    expect([...ids].sort()).toEqual([...allIds].sort());
    const rank = { low: 0, medium: 1, high: 2 } as Record<string, number>;
    const key = (item: Record<string, unknown>) =>
      sort === 'priority'
        ? rank[item.priority as string]
        : sort === 'dueAt'
          ? item.dueAt
            ? Date.parse(item.dueAt as string)
            : Infinity
          : sort === 'createdAt'
            ? Date.parse(item.createdAt as string)
            : (item.title as string);
    for (let i = 1; i < items.length; i++) {
      const [previous, current] = [key(items[i - 1]), key(items[i])];
      if (order === 'asc') expect(previous <= current).toBe(true);
      else expect(previous >= current).toBe(true);
    }
  });

  it('defaults to 20 items, newest first', async () => {
    const response = await list('').expect(200);
    expect(response.body.items.length).toBe(20);
    expect(response.body.nextCursor).toEqual(expect.any(String));
  });

  it('filters by status, priority, tag and due window', async () => {
    const open = await walk('status=open');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((task) => task.completed === false)).toBe(true);
    const done = await walk('status=done');
    expect(open.length + done.length).toBe(allIds.length);
    expect((await walk('priority=high')).every((task) => task.priority === 'high')).toBe(true);
    const tagged = await walk('tag=tag1');
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((task) => (task.tags as string[]).includes('tag1'))).toBe(true);
    const window = await walk('dueAfter=2030-01-02T12:00:00Z&dueBefore=2030-01-04T12:00:00Z');
    expect(window.length).toBeGreaterThan(0);
    for (const task of window) {
      const due = Date.parse(task.dueAt as string);
      expect(due > Date.parse('2030-01-02T12:00:00Z') && due < Date.parse('2030-01-04T12:00:00Z')).toBe(true);
    }
  });

  it("finds a title holding %, _, ' and \\ by exactly that text, case-insensitively", async () => {
    const tricky = await createTask(api.baseUrl, user.jwt, { title: `100% of_it's a\\b` });
    await createTask(api.baseUrl, user.jwt, { title: '100X of-it is aXb' });
    for (const q of [`100% of_it's a\\b`, `% OF_IT'S A\\B`, '%', '_it', '\\']) {
      const found = (await list(`q=${encodeURIComponent(q)}&limit=100`).expect(200)).body.items.map(
        (t: { id: string }) => t.id,
      );
      expect(found).toEqual([tricky.id]);
    }
  });

  it('searches descriptions too', async () => {
    const task = await createTask(api.baseUrl, user.jwt, { title: 'Plain', description: 'Contains the word Zanzibar' });
    const found = (await list('q=zanzibar').expect(200)).body.items.map((t: { id: string }) => t.id);
    expect(found).toEqual([task.id]);
  });
});
