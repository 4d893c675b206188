import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { obtainTokens, type OAuthApp, RedirectListener, registerApp } from '../support/oauth-fixtures.js';
import { createTask } from '../support/task-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** An agent (the MCP SDK's client) acting with an OAuth access token from the real code + PKCE flow. */
describe('MCP with an OAuth access token', () => {
  let api: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let listener: RedirectListener;
  let agentApp: OAuthApp;
  let resource: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    api = await startTestApp();
    [alice, bob] = await Promise.all([createUser(api.baseUrl), createUser(api.baseUrl)]);
    listener = await new RedirectListener().start();
    // An agent on the user's machine: a public client with a loopback redirect URI.
    agentApp = await registerApp(api.baseUrl, bob.sessionToken, {
      client_name: 'Test agent',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      redirect_uris: [listener.url],
    });
    resource = (
      (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as { resource: string }
    ).resource;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await listener.close();
    await api.close();
  });

  async function connect(token: string): Promise<Client> {
    const client = new Client({ name: 'taskvault-oauth-agent', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL('/api/mcp', api.baseUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }
  const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const titlesOf = (result: CallToolResult) =>
    (result.structuredContent as { items: Array<{ title: string }> }).items.map((task) => task.title);

  it('lists and creates the user’s tasks, and only that user’s', async () => {
    await createTask(api.baseUrl, alice.jwt, { title: 'Alice before the agent' });
    await createTask(api.baseUrl, bob.jwt, { title: 'Bob private' });
    const tokens = await obtainTokens(api.baseUrl, alice.sessionToken, agentApp, listener, {
      scope: 'tasks:read tasks:write',
      resource,
    });
    const agent = await connect(tokens.access_token);

    const listed = await call(agent, 'list_tasks', { limit: 100 });
    expect(listed.isError).toBeFalsy();
    expect(titlesOf(listed)).toContain('Alice before the agent');
    expect(titlesOf(listed)).not.toContain('Bob private');

    const created = await call(agent, 'create_task', { title: 'Made by the agent', priority: 'high' });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ title: 'Made by the agent', priority: 'high' });
    const rest = await fetch(`${api.baseUrl}/api/tasks?limit=100`, {
      headers: { authorization: `Bearer ${alice.jwt}` },
    });
    const items = ((await rest.json()) as { items: Array<{ title: string }> }).items;
    expect(items.map((task) => task.title)).toContain('Made by the agent');
  });

  it('refuses create_task to a tasks:read token with 403 insufficient_scope, and writes nothing', async () => {
    const tokens = await obtainTokens(api.baseUrl, bob.sessionToken, agentApp, listener, {
      scope: 'tasks:read',
      resource,
    });
    expect(tokens.scope).toBe('tasks:read');
    const reader = await connect(tokens.access_token);
    expect((await call(reader, 'list_tasks')).isError).toBeFalsy();

    const refused = await call(reader, 'create_task', { title: 'Planted by a reader' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StreamableHTTPError);
    expect((refused as StreamableHTTPError).code).toBe(403);

    const raw = await fetch(`${api.baseUrl}/api/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 9,
        method: 'tools/call',
        params: { name: 'create_task', arguments: { title: 'Planted by a reader' } },
      }),
    });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_scope", scope="tasks:write", resource_metadata="${resource}/.well-known/oauth-protected-resource"`,
    );
    const rest = await fetch(`${api.baseUrl}/api/tasks?limit=100`, { headers: { authorization: `Bearer ${bob.jwt}` } });
    const items = ((await rest.json()) as { items: Array<{ title: string }> }).items;
    expect(items.map((task) => task.title)).not.toContain('Planted by a reader');
  });
});
