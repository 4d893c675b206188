import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { type SecurityTarget, startSecurityTarget } from '../support/security-target.js';

type Method = 'get' | 'put' | 'patch' | 'delete' | 'post';
const TASK_ROUTES: Array<[Method, string, object | undefined]> = [
  ['get', '', undefined],
  ['put', '', { title: 'pwned', description: 'pwned', priority: 'low', tags: [], dueAt: null, completed: true }],
  ['patch', '', { title: 'pwned' }],
  ['patch', '/complete', {}],
  ['patch', '/complete', { completed: false }],
  ['delete', '', undefined],
];

describe('broken object-level authorization: every route × another user’s ids', () => {
  let api: SecurityTarget;
  let victim: TestUser;
  let attacker: TestUser;
  let victimTaskId: string;

  beforeAll(async () => {
    api = await startSecurityTarget();
    victim = await createUser(api.baseUrl);
    attacker = await createUser(api.baseUrl);
    victimTaskId = (
      await createTask(api.baseUrl, victim.jwt, {
        title: 'Victim diary',
        description: 'secret',
        tags: ['diary'],
        priority: 'high',
        dueAt: '2031-01-01T00:00:00Z',
      })
    ).id;
    await createTask(api.baseUrl, attacker.jwt, { title: 'Attacker task', tags: ['diary'] });
  });
  afterAll(() => api.stop());

  const victimCopy = async () =>
    (
      await request(api.baseUrl)
        .get(`/api/tasks/${victimTaskId}`)
        .set('Authorization', `Bearer ${victim.jwt}`)
        .expect(200)
    ).body;
  const send = (method: Method, path: string, body: object | undefined) => {
    const call = request(api.baseUrl)[method](path).set('Authorization', `Bearer ${attacker.jwt}`);
    return body ? call.send(body) : call;
  };

  it.each(TASK_ROUTES)('%s /api/tasks/{victim task}%s → 404, victim’s task unchanged', async (method, suffix, body) => {
    const before = await victimCopy();
    expect((await send(method, `/api/tasks/${victimTaskId}${suffix}`, body)).status).toBe(404);
    expect(await victimCopy()).toEqual(before);
  });

  it.each(TASK_ROUTES)(
    '%s /api/users/{victim}/tasks/{victim task}%s → 403, unchanged',
    async (method, suffix, body) => {
      const before = await victimCopy();
      expect((await send(method, `/api/users/${victim.id}/tasks/${victimTaskId}${suffix}`, body)).status).toBe(403);
      expect(await victimCopy()).toEqual(before);
    },
  );

  it.each(TASK_ROUTES)(
    '%s /api/users/{attacker}/tasks/{victim task}%s → 404 (own path, foreign task)',
    async (method, suffix, body) => {
      const before = await victimCopy();
      expect((await send(method, `/api/users/${attacker.id}/tasks/${victimTaskId}${suffix}`, body)).status).toBe(404);
      expect(await victimCopy()).toEqual(before);
    },
  );

  it('cannot list or create under the victim’s user path', async () => {
    expect((await send('get', `/api/users/${victim.id}/tasks`, undefined)).status).toBe(403);
    expect((await send('post', `/api/users/${victim.id}/tasks`, { title: 'planted' })).status).toBe(403);
  });

  it.each([
    '',
    '?q=Victim',
    '?q=secret',
    '?q=%25',
    '?tag=diary',
    '?priority=high',
    '?status=open',
    '?dueAfter=2030-01-01T00:00:00Z',
    '?sort=title&order=asc&limit=100',
  ])('never sees the victim’s task when listing %s', async (query) => {
    const response = await send('get', `/api/tasks${query}`, undefined);
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).not.toContain(victimTaskId);
    expect(JSON.stringify(response.body)).not.toContain('Victim diary');
  });

  it('cannot plant a task on the victim through owner fields in the body', async () => {
    for (const field of ['ownerId', 'userId', 'owner_id', 'owner']) {
      expect((await send('post', '/api/tasks', { title: 'planted', [field]: victim.id })).status).toBe(400);
    }
    const victimList = await request(api.baseUrl)
      .get('/api/tasks?q=planted')
      .set('Authorization', `Bearer ${victim.jwt}`)
      .expect(200);
    expect(victimList.body.items).toEqual([]);
  });

  it('cannot move a task to the victim with an owner field on update', async () => {
    const own = await createTask(api.baseUrl, attacker.jwt, { title: 'mine' });
    for (const method of ['patch', 'put'] as const) {
      expect((await send(method, `/api/tasks/${own.id}`, { title: 'mine', ownerId: victim.id })).status).toBe(400);
    }
    await request(api.baseUrl).get(`/api/tasks/${own.id}`).set('Authorization', `Bearer ${victim.jwt}`).expect(404);
  });
});
