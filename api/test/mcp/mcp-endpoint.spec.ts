import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import request from 'supertest';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createPersonalToken } from '../support/token-fixtures.js';

const MCP_ACCEPT = 'application/json, text/event-stream';

describe('the MCP endpoint at /api/mcp', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let aliceToken: string;
  let aliceReadToken: string;
  let bobTaskId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob] = await Promise.all([createUser(api.baseUrl), createUser(api.baseUrl)]);
    aliceToken = (await createPersonalToken(api.baseUrl, alice.sessionToken, { name: 'agent' })).token;
    aliceReadToken = (await createPersonalToken(api.baseUrl, alice.sessionToken, { scopes: ['tasks:read'] })).token;
    bobTaskId = (await createTask(api.baseUrl, bob.jwt, { title: 'Bob secret', tags: ['bob'] })).id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await api.close();
  });

  /** A standard MCP client (the SDK's own) sending the token as `Authorization: Bearer`. */
  async function connect(token?: string): Promise<Client> {
    const client = new Client({ name: 'taskvault-test-agent', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL('/api/mcp', api.baseUrl), {
      requestInit: token ? { headers: { Authorization: `Bearer ${token}` } } : {},
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }
  const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const textOf = (result: CallToolResult) => (result.content[0] as { text: string }).text;
  const post = (body: unknown, token?: string) => {
    const pending = request(api.baseUrl).post('/api/mcp').set('Accept', MCP_ACCEPT);
    return (token ? pending.set('Authorization', `Bearer ${token}`) : pending).send(body as object);
  };
  const aliceTitles = async () =>
    (
      await request(api.baseUrl).get('/api/tasks?limit=100').set('Authorization', `Bearer ${alice.jwt}`).expect(200)
    ).body.items.map((task: { title: string }) => task.title);

  it('lists its five task tools, each with the REST DTO limits in its input schema', async () => {
    const client = await connect(aliceToken);
    expect(client.getServerVersion()?.name).toBe('taskvault');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ['complete_task', 'create_task', 'delete_task', 'list_tasks', 'update_task'].sort(),
    );
    const create = tools.find((tool) => tool.name === 'create_task')!;
    expect(create.inputSchema).toMatchObject({
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 200 },
        tags: { maxItems: 20, items: { maxLength: 50 } },
        dueAt: { type: ['string', 'null'], format: 'date-time' },
        priority: { allOf: [{ enum: ['low', 'medium', 'high'] }] },
      },
    });
    const update = tools.find((tool) => tool.name === 'update_task')!;
    expect(update.inputSchema).toMatchObject({ required: ['id'], properties: { id: { format: 'uuid' } } });
    expect(JSON.stringify(tools)).not.toContain('$ref');
  });

  it('creates, lists, updates, completes and deletes the token user’s tasks through the same service as REST', async () => {
    const client = await connect(aliceToken);
    const created = await call(client, 'create_task', { title: '  Ship the MCP endpoint ', tags: ['mcp', 'mcp'] });
    expect(created.isError).toBeFalsy();
    const task = created.structuredContent as { id: string; title: string; tags: string[]; completed: boolean };
    expect(task).toMatchObject({ title: 'Ship the MCP endpoint', tags: ['mcp'], completed: false });
    expect(JSON.parse(textOf(created))).toEqual(task);
    // The REST API sees the same task: one service, one store.
    const rest = await request(api.baseUrl).get(`/api/tasks/${task.id}`).set('Authorization', `Bearer ${alice.jwt}`);
    expect(rest.status).toBe(200);
    expect(rest.body.title).toBe('Ship the MCP endpoint');

    const listed = await call(client, 'list_tasks', { status: 'open', tag: 'mcp' });
    expect((listed.structuredContent as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([
      task.id,
    ]);

    const updated = await call(client, 'update_task', { id: task.id, priority: 'high', dueAt: '2027-01-01T09:00:00Z' });
    expect(updated.structuredContent).toMatchObject({ priority: 'high', dueAt: '2027-01-01T09:00:00.000Z' });

    const completed = await call(client, 'complete_task', { id: task.id });
    expect(completed.structuredContent).toMatchObject({ completed: true, completedAt: expect.any(String) });
    const reopened = await call(client, 'complete_task', { id: task.id, completed: false });
    expect(reopened.structuredContent).toMatchObject({ completed: false, completedAt: null });

    const deleted = await call(client, 'delete_task', { id: task.id });
    expect(deleted.structuredContent).toEqual({ deleted: true, id: task.id });
    await request(api.baseUrl).get(`/api/tasks/${task.id}`).set('Authorization', `Bearer ${alice.jwt}`).expect(404);
  });

  it('works with a session JWT as well as a personal token', async () => {
    const client = await connect(alice.jwt);
    const result = await call(client, 'list_tasks', { limit: 1 });
    expect(result.isError).toBeFalsy();
  });

  it('refuses a client without a token: 401 with the protected-resource metadata in WWW-Authenticate', async () => {
    const refused = await connect().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StreamableHTTPError);
    expect((refused as StreamableHTTPError).code).toBe(401);

    const response = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    const match = /resource_metadata="([^"]+)"/.exec(response.headers['www-authenticate']);
    expect(match?.[1]).toMatch(/\/\.well-known\/oauth-protected-resource$/);
    // The named document exists and names this API as the resource, with its scopes.
    const metadata = await request(api.baseUrl).get('/.well-known/oauth-protected-resource').expect(200);
    expect(metadata.body).toMatchObject({
      scopes_supported: ['tasks:read', 'tasks:write', 'webhooks:write', 'offline_access'],
      bearer_methods_supported: ['header'],
    });
    expect(match?.[1]).toBe(`${metadata.body.resource}/.well-known/oauth-protected-resource`);
  });

  it('refuses a forged or revoked token with 401 invalid_token', async () => {
    const response = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, `${aliceToken.slice(0, -2)}xx`);
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(response.headers['www-authenticate']).toContain('resource_metadata=');
  });

  it('refuses a write tool to a tasks:read token with 403 insufficient_scope, and writes nothing', async () => {
    const reader = await connect(aliceReadToken);
    expect((await call(reader, 'list_tasks')).isError).toBeFalsy();
    const refused = await call(reader, 'create_task', { title: 'Planted by a reader' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StreamableHTTPError);
    expect((refused as StreamableHTTPError).code).toBe(403);

    const response = await post(
      { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'create_task', arguments: { title: 'x' } } },
      aliceReadToken,
    );
    expect(response.status).toBe(403);
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer error="insufficient_scope", scope="tasks:write", resource_metadata="http:\/\/[^"]+\/\.well-known\/oauth-protected-resource"$/,
    );
    expect(await aliceTitles()).not.toContain('Planted by a reader');
  });

  it('never reaches another user’s task: each tool answers "no such task", and Bob’s task is unchanged', async () => {
    const client = await connect(aliceToken);
    for (const [name, args] of [
      ['update_task', { id: bobTaskId, title: 'Owned' }],
      ['complete_task', { id: bobTaskId }],
      ['delete_task', { id: bobTaskId }],
    ] as const) {
      const result = await call(client, name, args);
      expect([name, result.isError, textOf(result)]).toEqual([name, true, 'No such task.']);
    }
    const listed = await call(client, 'list_tasks', { tag: 'bob', limit: 100 });
    expect((listed.structuredContent as { items: unknown[] }).items).toEqual([]);
    const bobs = await request(api.baseUrl).get(`/api/tasks/${bobTaskId}`).set('Authorization', `Bearer ${bob.jwt}`);
    expect(bobs.body).toMatchObject({ title: 'Bob secret', completed: false });
  });

  it('answers bad arguments with a tool error naming the field (the REST limits), never a 500', async () => {
    const client = await connect(aliceToken);
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['create_task', { title: 'x'.repeat(201) }, /title/],
      ['create_task', { title: 'ok', owner: bob.id }, /owner/],
      ['create_task', { title: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /tags/],
      ['create_task', {}, /title/],
      ['update_task', { id: 'not-a-uuid', title: 'x' }, /id/],
      ['list_tasks', { limit: 1000 }, /limit/],
      ['list_tasks', { status: 'everything' }, /status/],
    ];
    for (const [name, args, field] of cases) {
      const result = await call(client, name, args);
      expect([name, args, result.isError]).toEqual([name, args, true]);
      expect(textOf(result)).toMatch(field);
    }
    await expect(client.callTool({ name: 'drop_tables', arguments: {} })).rejects.toThrow(/drop_tables/);
    expect(await aliceTitles()).not.toContain('ok');
  });

  it('refuses what is not one JSON-RPC message with a 4xx JSON-RPC error or problem', async () => {
    const batch = await post(
      [
        { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      ],
      aliceToken,
    );
    expect(batch.status).toBe(400);
    expect(batch.body.error.code).toBe(-32600);
    const notRpc = await post({ hello: 'world' }, aliceToken);
    expect(notRpc.status).toBe(400);
    const malformed = await request(api.baseUrl)
      .post('/api/mcp')
      .set('Authorization', `Bearer ${aliceToken}`)
      .set('Accept', MCP_ACCEPT)
      .set('Content-Type', 'application/json')
      .send('{"jsonrpc":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const noAccept = await request(api.baseUrl)
      .post('/api/mcp')
      .set('Authorization', `Bearer ${aliceToken}`)
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(noAccept.status).toBe(406);
    const big = await post(
      { jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(110 * 1024) } },
      aliceToken,
    );
    expect(big.status).toBe(413);
  });

  it('refuses a foreign Origin (DNS rebinding) with 403, and lets the API’s own origin through', async () => {
    const body = { jsonrpc: '2.0', id: 1, method: 'ping' };
    const foreign = await post(body, aliceToken).set('Origin', 'http://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    const own = await post(body, aliceToken).set('Origin', 'http://localhost:5173');
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  });

  it('answers GET and DELETE with 405 (stateless: no event stream, no session), after authentication', async () => {
    for (const method of ['get', 'delete'] as const) {
      await request(api.baseUrl)[method]('/api/mcp').expect(401);
      const response = await request(api.baseUrl)[method]('/api/mcp').set('Authorization', `Bearer ${aliceToken}`);
      expect([method, response.status, response.headers.allow]).toEqual([method, 405, 'POST']);
    }
  });
});

describe('the MCP endpoint’s request budget', () => {
  let api: TestApp;
  afterAll(() => api?.close());

  it('counts each MCP request against the caller’s budget like any route: 429 with Retry-After past it', async () => {
    api = await startTestApp({ API_RATE_LIMIT: '3' });
    const user = await createUser(api.baseUrl);
    const ping = () =>
      request(api.baseUrl)
        .post('/api/mcp')
        .set('Authorization', `Bearer ${user.jwt}`)
        .set('Accept', MCP_ACCEPT)
        .send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await ping()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await ping();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
