import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { authorize, consent, pkce, postForm, registerApp } from '../support/oauth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Swagger UI's Authorize (oauth2): configured for code + PKCE with the explorer's own callback
 * page, and the flow it runs — a tester's public client whose redirect URI is that page, no
 * `resource` at the token endpoint — yields a token the API's routes take.
 */
describe('OAuth through the API explorer (Swagger UI)', () => {
  let api: TestApp;
  let tester: TestUser;
  let resource: string;

  beforeAll(async () => {
    api = await startTestApp();
    tester = await createUser(api.baseUrl);
    resource = (
      (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as { resource: string }
    ).resource;
  });
  afterAll(() => api.close());

  it('configures Swagger UI for PKCE with its callback page and the resource', async () => {
    const init = await (await fetch(`${api.baseUrl}/api/docs/swagger-ui-init.js`)).text();
    const options = JSON.parse(/let options = (\{[\s\S]*?\});\n/.exec(init)![1]) as {
      customOptions: {
        oauth2RedirectUrl: string;
        initOAuth: { usePkceWithAuthorizationCodeGrant: boolean; additionalQueryStringParams: { resource: string } };
      };
      swaggerDoc: {
        components: { securitySchemes: Record<string, { type: string; flows?: Record<string, unknown> }> };
      };
    };
    expect(options.customOptions.oauth2RedirectUrl).toBe(`${resource}/api/docs/oauth2-redirect.html`);
    expect(options.customOptions.initOAuth.usePkceWithAuthorizationCodeGrant).toBe(true);
    expect(options.customOptions.initOAuth.additionalQueryStringParams.resource).toBe(resource);
    const scheme = options.swaggerDoc.components.securitySchemes.oauth2;
    expect(scheme.type).toBe('oauth2');
    expect(scheme.flows).toEqual({
      authorizationCode: expect.objectContaining({
        authorizationUrl: '/api/auth/oauth2/authorize',
        tokenUrl: '/api/auth/oauth2/token',
      }),
    });
    const callbackPage = await fetch(`${api.baseUrl}/api/docs/oauth2-redirect.html`);
    expect(callbackPage.status).toBe(200);
    expect(await callbackPage.text()).toContain('oauth2-redirect.js');
  });

  it('runs the flow Swagger UI runs and the token opens a protected route', async () => {
    const callbackUrl = `${api.baseUrl.replace('127.0.0.1', 'localhost')}/api/docs/oauth2-redirect.html`;
    const client = await registerApp(api.baseUrl, tester.sessionToken, {
      client_name: 'My API explorer',
      // http on localhost: Better Auth takes it for `native` clients only (a deployment on https: `web`).
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      redirect_uris: [callbackUrl],
    });
    expect(client.client_secret).toBeUndefined();
    const { verifier, challenge } = pkce();
    const start = await authorize(api.baseUrl, tester.sessionToken, client, { challenge, resource, state: 'swagger' });
    expect(new URL(start.location).pathname).toBe('/consent');
    const allowed = await consent(api.baseUrl, tester.sessionToken, start.location);
    const callback = new URL(allowed.location);
    expect(`${callback.origin}${callback.pathname}`).toBe(callbackUrl);
    // Swagger UI's token request: the code, the verifier, the client id; no `resource`.
    const exchange = await postForm(
      `${api.baseUrl}/api/auth/oauth2/token`,
      {
        grant_type: 'authorization_code',
        code: callback.searchParams.get('code')!,
        code_verifier: verifier,
        redirect_uri: callbackUrl,
      },
      client,
    );
    expect(exchange.status).toBe(200);
    const me = await fetch(`${api.baseUrl}/api/users/me`, {
      headers: { authorization: `Bearer ${String(exchange.body.access_token)}` },
    });
    expect(me.status).toBe(200);
  });
});
