import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, type TestUser } from '../support/auth-fixtures.js';
import { DEVICE_GRANT, type OAuthApp, postForm, registerApp } from '../support/oauth-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { onDatabase } from '../support/token-fixtures.js';

interface DeviceCode {
  device_code: string;
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
}

describe('device authorization grant (RFC 8628) for command-line tools', () => {
  let api: TestApp;
  let alice: TestUser;
  let cli: OAuthApp;
  let resource: string;

  beforeAll(async () => {
    api = await startTestApp();
    alice = await createUser(api.baseUrl);
    cli = await registerApp(api.baseUrl, alice.sessionToken, {
      client_name: 'taskvault-cli',
      redirect_uris: ['http://127.0.0.1/unused'],
      token_endpoint_auth_method: 'none',
      grant_types: [DEVICE_GRANT, 'refresh_token'],
    });
    resource = (
      (await (await fetch(`${api.baseUrl}/.well-known/oauth-protected-resource`)).json()) as { resource: string }
    ).resource;
  });
  afterAll(() => api.close());

  async function requestCode(scope = 'tasks:read'): Promise<DeviceCode> {
    const answer = await postForm(`${api.baseUrl}/api/auth/device/code`, { scope, resource }, cli);
    expect(answer.status).toBe(200);
    return answer.body as unknown as DeviceCode;
  }
  const poll = (code: DeviceCode) =>
    postForm(
      `${api.baseUrl}/api/auth/oauth2/token`,
      { grant_type: DEVICE_GRANT, device_code: code.device_code, resource },
      cli,
    );
  /** The CLI waited its interval: the last poll moved into the past rather than the test sleeping. */
  const intervalPassed = (code: DeviceCode) =>
    onDatabase(api.databaseUrl, (client) =>
      client.query(`update "deviceCode" set "lastPolledAt" = now() - interval '1 minute' where "deviceCode" = $1`, [
        code.device_code,
      ]),
    );
  /** What the /device page does: show the code's request (which claims it for this session), then decide. */
  const decide = async (code: DeviceCode, decision: 'approve' | 'deny', user = alice) => {
    await fetch(`${api.baseUrl}/api/auth/device?user_code=${code.user_code}`, {
      headers: { authorization: `Bearer ${user.sessionToken}` },
    });
    return fetch(`${api.baseUrl}/api/auth/device/${decision}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.sessionToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userCode: code.user_code }),
    });
  };

  it('issues short-lived codes that point at the web app’s /device page', async () => {
    const code = await requestCode();
    expect(new URL(code.verification_uri).pathname).toBe('/device');
    expect(code.expires_in).toBeLessThanOrEqual(900);
    expect(code.interval).toBeGreaterThanOrEqual(1);
  });

  it('answers authorization_pending, then slow_down to a CLI polling too fast, then the tokens once approved', async () => {
    const code = await requestCode('tasks:read offline_access');
    const pending = await poll(code);
    expect(pending).toMatchObject({ status: 400, body: { error: 'authorization_pending' } });
    const tooFast = await poll(code);
    expect(tooFast).toMatchObject({ status: 400, body: { error: 'slow_down' } });

    const shown = await fetch(`${api.baseUrl}/api/auth/device?user_code=${code.user_code}`, {
      headers: { authorization: `Bearer ${alice.sessionToken}` },
    });
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ status: 'pending', client_id: cli.client_id });
    expect((await decide(code, 'approve')).status).toBe(200);

    await intervalPassed(code);
    const tokens = await poll(code);
    expect(tokens.status).toBe(200);
    const accessToken = tokens.body.access_token as string;
    expect(typeof tokens.body.refresh_token).toBe('string');
    const me = await fetch(`${api.baseUrl}/api/users/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(((await me.json()) as { id: string }).id).toBe(alice.id);
    const write = await fetch(`${api.baseUrl}/api/tasks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'tasks:read only' }),
    });
    expect(write.status).toBe(403);

    // A device code is redeemed once.
    await intervalPassed(code);
    const again = await poll(code);
    expect(again.status).toBe(400);
  });

  it('answers access_denied when the user denies', async () => {
    const code = await requestCode();
    expect((await decide(code, 'deny')).status).toBe(200);
    await intervalPassed(code);
    expect(await poll(code)).toMatchObject({ status: 400, body: { error: 'access_denied' } });
  });

  it('answers expired_token once the code has expired, and it can no longer be approved', async () => {
    const code = await requestCode();
    await onDatabase(api.databaseUrl, (client) =>
      client.query(`update "deviceCode" set "expiresAt" = now() - interval '1 second' where "deviceCode" = $1`, [
        code.device_code,
      ]),
    );
    await intervalPassed(code);
    expect(await poll(code)).toMatchObject({ status: 400, body: { error: 'expired_token' } });
    expect((await decide(code, 'approve')).status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a device_code sent twice in one request (RFC 6749 §3.1)', async () => {
    const code = await requestCode();
    const response = await fetch(`${api.baseUrl}/api/auth/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=${encodeURIComponent(DEVICE_GRANT)}&client_id=${cli.client_id}&device_code=${code.device_code}&device_code=x`,
    });
    expect(response.status).toBe(400);
  });
});
