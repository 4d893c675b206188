import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface OAuthApp {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
}

/**
 * The third-party app's redirect endpoint: a real HTTP server on loopback that records every
 * query it receives. The browser's part (following the 302) is played with node:http, whose
 * answers are the app's, not the API's.
 */
export class RedirectListener {
  readonly received: URLSearchParams[] = [];
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      this.received.push(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams);
      response.end('ok');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}/callback`;
    return this;
  }

  /** Follows a redirect the way a browser would: a GET to the Location. */
  async follow(location: string): Promise<URLSearchParams> {
    if (!location.startsWith(this.url)) throw new Error(`not a redirect to the app: ${location}`);
    await new Promise<void>((resolve, reject) => {
      http.get(location, (response) => response.resume().on('end', resolve)).on('error', reject);
    });
    return this.received[this.received.length - 1];
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const json = (sessionToken: string) => ({
  authorization: `Bearer ${sessionToken}`,
  'content-type': 'application/json',
});

/** Registers an app for the signed-in user (POST /api/auth/oauth2/create-client). */
export async function registerApp(
  baseUrl: string,
  sessionToken: string,
  body: Record<string, unknown>,
): Promise<OAuthApp> {
  const response = await fetch(`${baseUrl}/api/auth/oauth2/create-client`, {
    method: 'POST',
    headers: json(sessionToken),
    body: JSON.stringify({ client_name: 'Test app', application_type: 'native', ...body }),
  });
  if (response.status !== 200 && response.status !== 201)
    throw new Error(`create-client: ${response.status} ${await response.text()}`);
  return (await response.json()) as OAuthApp;
}

/** A form POST, as OAuth clients send to the token, revocation and device endpoints. */
export async function postForm(
  url: string,
  fields: Record<string, string>,
  app?: OAuthApp,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (app?.client_secret)
    headers.authorization = `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: new URLSearchParams(app && !app.client_secret ? { client_id: app.client_id, ...fields } : fields),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export interface AuthorizeOptions {
  scope?: string;
  state?: string;
  challenge?: string;
  method?: string;
  redirectUri?: string;
  resource?: string;
  extra?: Record<string, string>;
}

/** GET /oauth2/authorize as the signed-in user: the Location it answers. */
export async function authorize(baseUrl: string, sessionToken: string, app: OAuthApp, options: AuthorizeOptions) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: app.client_id,
    redirect_uri: options.redirectUri ?? app.redirect_uris[0],
    scope: options.scope ?? 'tasks:read',
    state: options.state ?? randomBytes(8).toString('hex'),
    resource: options.resource ?? baseUrl.replace('127.0.0.1', 'localhost'),
    ...(options.challenge
      ? { code_challenge: options.challenge, code_challenge_method: options.method ?? 'S256' }
      : {}),
    ...options.extra,
  });
  const response = await fetch(`${baseUrl}/api/auth/oauth2/authorize?${query}`, {
    headers: { authorization: `Bearer ${sessionToken}` },
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location') ?? '' };
}

/** POST /oauth2/consent with the consent page's (signed) query: the Location it answers. */
export async function consent(baseUrl: string, sessionToken: string, consentUrl: string, accept = true) {
  const response = await fetch(`${baseUrl}/api/auth/oauth2/consent`, {
    method: 'POST',
    headers: json(sessionToken),
    body: JSON.stringify({ accept, oauth_query: new URL(consentUrl).search.slice(1) }),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, location: response.headers.get('location') ?? '', body: text };
}

/**
 * The whole code + PKCE flow for a signed-in user, as a real app runs it: authorize, the consent
 * page's POST when asked, the redirect to the app's listener, the code exchange. The token answer.
 */
export async function obtainTokens(
  baseUrl: string,
  sessionToken: string,
  app: OAuthApp,
  listener: RedirectListener,
  options: { scope: string; resource: string },
): Promise<{ access_token: string; refresh_token?: string; scope: string }> {
  const { verifier, challenge } = pkce();
  const state = randomBytes(8).toString('hex');
  const start = await authorize(baseUrl, sessionToken, app, { ...options, state, challenge });
  if (start.status !== 302) throw new Error(`authorize: ${start.status}`);
  let location = start.location;
  if (new URL(location).pathname === '/consent') location = (await consent(baseUrl, sessionToken, location)).location;
  const callback = await listener.follow(location);
  if (callback.get('state') !== state) throw new Error('state changed on the way back');
  const exchange = await postForm(
    `${baseUrl}/api/auth/oauth2/token`,
    {
      grant_type: 'authorization_code',
      code: callback.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: listener.url,
      resource: options.resource,
    },
    app,
  );
  if (exchange.status !== 200) throw new Error(`token: ${exchange.status} ${JSON.stringify(exchange.body)}`);
  return exchange.body as { access_token: string; refresh_token?: string; scope: string };
}
