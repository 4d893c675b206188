import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { type Page, expect } from '@playwright/test';
import { API_PORT } from '../playwright.config';

/** The API as the test's own code reaches it (loopback); the browser uses the public origin. */
export const API = `http://127.0.0.1:${API_PORT}`;
export const PUBLIC_ORIGIN = `http://localhost:${API_PORT}`;
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface Discovery {
  authorizationEndpoint: string;
  /** Endpoints the test calls from Node: the metadata's paths on this instance's loopback port. */
  tokenEndpoint: string;
  deviceEndpoint: string;
  resource: string;
}

/** The endpoints are whatever the RFC 8414 / RFC 9728 metadata names. */
export async function discover(): Promise<Discovery> {
  const metadata = (await (await fetch(`${API}/.well-known/oauth-authorization-server`)).json()) as Record<
    string,
    string
  >;
  const resource = ((await (await fetch(`${API}/.well-known/oauth-protected-resource`)).json()) as { resource: string })
    .resource;
  const local = (url: string) => `${API}${new URL(url).pathname}`;
  return {
    authorizationEndpoint: metadata.authorization_endpoint,
    tokenEndpoint: local(metadata.token_endpoint),
    deviceEndpoint: local(metadata.device_authorization_endpoint),
    resource,
  };
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
}

/** A form POST as OAuth clients send it, with HTTP Basic client authentication when there is a secret. */
export async function postForm(url: string, fields: Record<string, string>, client: ClientCredentials) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const body = new URLSearchParams(fields);
  if (client.clientSecret) {
    headers.authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
  } else {
    body.set('client_id', client.clientId);
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A third-party app: a tiny HTTP server on loopback (ephemeral port). /start sends the browser to
 * authorize (PKCE S256, state); /callback checks state, exchanges the code at the token endpoint
 * and lists the user's tasks with the access token, or shows the error it was sent.
 */
export class ThirdPartyApp {
  private server?: http.Server;
  private pending = new Map<string, string>();
  credentials?: ClientCredentials;
  accessToken?: string;
  readonly callbacks: URLSearchParams[] = [];
  origin = '';

  constructor(
    private readonly discovery: Discovery,
    private readonly scope = 'tasks:read',
  ) {}

  get redirectUri() {
    return `${this.origin}/callback`;
  }
  get startUrl() {
    return `${this.origin}/start`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      void this.handle(new URL(request.url ?? '/', this.origin), response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  private page(response: http.ServerResponse, status: number, body: string) {
    response
      .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="en"><title>Test app</title><main>${body}</main></html>`);
  }

  private async handle(url: URL, response: http.ServerResponse) {
    if (url.pathname === '/start') {
      const { verifier, challenge } = pkce();
      const state = randomBytes(12).toString('base64url');
      this.pending.set(state, verifier);
      const authorize = new URL(this.discovery.authorizationEndpoint);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: this.credentials!.clientId,
        redirect_uri: this.redirectUri,
        scope: this.scope,
        state,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        resource: this.discovery.resource,
      }).toString();
      response.writeHead(302, { location: authorize.toString() }).end();
      return;
    }
    if (url.pathname !== '/callback') return this.page(response, 404, '<h1>Not found</h1>');
    this.callbacks.push(url.searchParams);
    const verifier = this.pending.get(url.searchParams.get('state') ?? '');
    if (!verifier) return this.page(response, 400, '<h1>Unknown state</h1>');
    this.pending.delete(url.searchParams.get('state')!);
    const error = url.searchParams.get('error');
    if (error) return this.page(response, 200, `<h1>Not connected</h1><p id="error">${escapeHtml(error)}</p>`);
    const exchange = await postForm(
      this.discovery.tokenEndpoint,
      {
        grant_type: 'authorization_code',
        code: url.searchParams.get('code') ?? '',
        code_verifier: verifier,
        redirect_uri: this.redirectUri,
        resource: this.discovery.resource,
      },
      this.credentials!,
    );
    if (exchange.status !== 200) {
      return this.page(response, 502, `<h1>Exchange failed</h1><pre>${escapeHtml(JSON.stringify(exchange))}</pre>`);
    }
    this.accessToken = String(exchange.body.access_token);
    const tasks = await this.listTasks();
    const titles = ((tasks.body as { items?: Array<{ title: string }> }).items ?? []).map((task) => task.title);
    this.page(
      response,
      200,
      `<h1>Connected</h1><ul aria-label="Your tasks">${titles.map((title) => `<li>${escapeHtml(title)}</li>`).join('')}</ul>`,
    );
  }

  /** The app's API call with its access token. */
  async listTasks(): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${API}/api/tasks?limit=100`, {
      headers: { authorization: `Bearer ${this.accessToken}` },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Registers an app for the page's signed-in user through Better Auth's route, with the page's
 * session cookie and the Origin the API checks on cookie-bearing changes.
 */
export async function registerAppViaApi(page: Page, body: Record<string, unknown>): Promise<ClientCredentials> {
  const response = await page.request.post(`${PUBLIC_ORIGIN}/api/auth/oauth2/create-client`, {
    headers: { origin: PUBLIC_ORIGIN },
    data: { token_endpoint_auth_method: 'client_secret_basic', grant_types: ['authorization_code'], ...body },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  const created = (await response.json()) as { client_id: string; client_secret?: string };
  return { clientId: created.client_id, clientSecret: created.client_secret };
}

export async function signInOnPage(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
}
