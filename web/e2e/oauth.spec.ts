import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import {
  API,
  DEVICE_GRANT,
  PUBLIC_ORIGIN,
  type Discovery,
  ThirdPartyApp,
  discover,
  postForm,
  registerAppViaApi,
  signInOnPage,
  signOut,
} from './oauth-support';
import { addTask, newAccount, signUp } from './support';

let discovery: Discovery;
test.beforeAll(async () => {
  discovery = await discover();
});

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
    [],
  );
}

test('a third-party app signs the user in, lists their tasks, and is refused once revoked in Connected apps', async ({
  page,
}) => {
  const app = await new ThirdPartyApp(discovery, 'tasks:read tasks:write').start();
  try {
    const account = newAccount('oauth-app');
    await signUp(page, account);
    await addTask(page, 'Seen by the app');

    // The developer registers the app in the web app; the secret is shown once.
    await page.goto('/account/developer');
    await page.getByLabel('App name').fill('E2E Planner');
    await page.getByLabel('Redirect URIs').fill(app.redirectUri);
    await page.getByRole('button', { name: 'Register app' }).click();
    const clientId = await page.getByLabel('Client ID').inputValue();
    const clientSecret = await page.getByLabel('Client secret').inputValue();
    expect(clientSecret.length).toBeGreaterThanOrEqual(32);
    app.credentials = { clientId, clientSecret };
    await page.getByRole('button', { name: 'I have copied it' }).click();

    // Signed out, the user follows the app to Taskvault, signs in, and sees the consent page.
    await signOut(page);
    await page.goto(app.startUrl);
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByText('continue to the app that sent you here')).toBeVisible();
    await signInOnPage(page, account.email, account.password);
    await expect(page).toHaveURL(/\/consent\?/);
    await expect(page.getByRole('heading', { name: 'E2E Planner wants to use your Taskvault account' })).toBeVisible();
    const scopes = page.getByRole('list', { name: 'What E2E Planner asks for' });
    await expect(scopes).toContainText('See your tasks and your profile');
    await expect(scopes).toContainText('Create, change, complete and delete your tasks');
    await expect(page.getByText(account.email)).toBeVisible();
    await expect(page.getByText(new URL(app.redirectUri).host, { exact: true })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page).toHaveURL(new RegExp(`^${app.origin}/callback\\?`));
    await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Your tasks' })).toContainText('Seen by the app');
    const callback = app.callbacks.at(-1)!;
    expect(callback.get('iss')).toBeTruthy();
    expect((await app.listTasks()).status).toBe(200);

    // Connected apps: what it may do, when, and Revoke.
    await page.goto('/account/apps');
    const row = page.getByRole('listitem', { name: /E2E Planner/ });
    await expect(row).toContainText('See your tasks and your profile');
    await expect(row).toContainText(/Authorized/);
    await expect(row).toContainText(/last used/);
    await expectNoSeriousAxeViolations(page);
    await row.getByRole('button', { name: 'Revoke E2E Planner' }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect(page.getByText(/Revoked E2E Planner/)).toBeVisible();
    await expect(row).toHaveCount(0);

    // The app's next call is refused within a second.
    await expect.poll(async () => (await app.listTasks()).status, { timeout: 1000, intervals: [50] }).toBe(401);
  } finally {
    await app.close();
  }
});

test('a new user signs up on the way, and Deny sends the app error=access_denied with no code', async ({ page }) => {
  const app = await new ThirdPartyApp(discovery).start();
  try {
    await signUp(page, newAccount('oauth-deny-developer'));
    app.credentials = await registerAppViaApi(page, {
      client_name: 'Denied app',
      redirect_uris: [app.redirectUri],
      application_type: 'native',
    });
    await signOut(page);

    // Someone without an account follows the app, and creates one from the sign-in page.
    await page.goto(app.startUrl);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/signup\?.*sig=/);
    const newcomer = newAccount('oauth-deny');
    await page.getByLabel('Name').fill(newcomer.name);
    await page.getByLabel('Email').fill(newcomer.email);
    await page.getByLabel('Password').fill(newcomer.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Denied app wants to use your Taskvault account' })).toBeVisible();
    await expect(page.getByText(newcomer.email)).toBeVisible();

    await page.getByRole('button', { name: 'Deny' }).click();
    await expect(page.getByRole('heading', { name: 'Not connected' })).toBeVisible();
    const callback = app.callbacks.at(-1)!;
    expect(callback.get('error')).toBe('access_denied');
    expect(callback.has('code')).toBe(false);
    await page.goto('/account/apps');
    await expect(page.getByText('You have not connected any apps.')).toBeVisible();
  } finally {
    await app.close();
  }
});

test('device sign-in: the CLI shows a code, the user types it at /device and approves, the CLI’s polling gets tokens', async ({
  page,
}) => {
  const account = newAccount('oauth-device');
  await signUp(page, account);
  const cli = await registerAppViaApi(page, {
    client_name: 'tv-cli',
    redirect_uris: ['http://127.0.0.1:1/unused'],
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', DEVICE_GRANT],
  });
  const issued = await postForm(discovery.deviceEndpoint, { scope: 'tasks:read', resource: discovery.resource }, cli);
  expect(issued.status).toBe(200);
  const {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verificationUri,
  } = issued.body as Record<string, string>;
  expect(new URL(verificationUri).pathname).toBe('/device');

  // Signed out, the user opens /device, signs in and comes back.
  await signOut(page);
  await page.goto('/device');
  await signInOnPage(page, account.email, account.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in a device' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  // Typed as people type it: lower case, without the dash.
  await page.getByRole('textbox', { name: 'Code' }).fill(userCode.replace(/-/g, '').toLowerCase());
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'tv-cli wants to sign in to your Taskvault account' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'What tv-cli asks for' })).toContainText('See your tasks');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/Approved\. Go back to your device/)).toBeVisible();

  // The CLI polls at the interval it was given (slow_down would say otherwise).
  let tokens: Record<string, unknown> = {};
  await expect
    .poll(
      async () => {
        const polled = await postForm(
          discovery.tokenEndpoint,
          { grant_type: DEVICE_GRANT, device_code: deviceCode, resource: discovery.resource },
          cli,
        );
        tokens = polled.body;
        return polled.status;
      },
      { timeout: 20_000, intervals: [1000, 5500] },
    )
    .toBe(200);
  expect(String(tokens.access_token).split('.')).toHaveLength(3);
  const listed = await fetch(`${API}/api/tasks`, {
    headers: { authorization: `Bearer ${String(tokens.access_token)}` },
  });
  expect(listed.status).toBe(200);
});

test('an unknown device code gets a clear message', async ({ page }) => {
  await signUp(page, newAccount('oauth-device-unknown'));
  await page.goto('/device');
  await page.getByRole('textbox', { name: 'Code' }).fill('ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('We don’t know this code.');
});

test('Developer apps: a confidential app’s secret is shown once, rotated, and the app deleted', async ({ page }) => {
  await signUp(page, newAccount('oauth-developer'));
  await page.goto('/account/developer');
  await page.getByLabel('App name').fill('Rotating app');
  await page.getByLabel('Redirect URIs').fill('https://rotating.example/callback');
  await page.getByRole('button', { name: 'Register app' }).click();
  await expect(page.getByText(/you won’t see it again/)).toBeVisible();
  const clientId = await page.getByLabel('Client ID').inputValue();
  const first = await page.getByLabel('Client secret').inputValue();
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByLabel('Client secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(first);

  // Shown once: the list (and a reload) never has it.
  await page.reload();
  const row = page.getByRole('listitem', { name: /Rotating app/ });
  await expect(row).toContainText(clientId);
  await expect(row).toContainText('Confidential');
  expect(await page.content()).not.toContain(first);
  await expectNoSeriousAxeViolations(page);

  await row.getByRole('button', { name: 'New secret for Rotating app' }).click();
  await row.getByRole('button', { name: 'Yes, new secret' }).click();
  await expect(page.getByRole('heading', { name: 'New secret for “Rotating app”' })).toBeVisible();
  const second = await page.getByLabel('Client secret').inputValue();
  expect(second).not.toBe(first);
  await page.getByRole('button', { name: 'I have copied it' }).click();

  await row.getByRole('button', { name: 'Edit redirect URIs of Rotating app' }).click();
  await page
    .getByRole('textbox', { name: 'Redirect URIs of Rotating app' })
    .fill('https://rotating.example/v2/callback');
  await page.getByRole('button', { name: 'Save redirect URIs' }).click();
  await expect(page.getByText('Saved the redirect URIs of Rotating app.')).toBeVisible();
  await expect(row.getByRole('list', { name: 'Redirect URIs of Rotating app' })).toHaveText(
    'https://rotating.example/v2/callback',
  );

  await row.getByRole('button', { name: 'Delete Rotating app' }).click();
  await row.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByText(/Deleted Rotating app/)).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('You have not registered any apps.')).toBeVisible();
});

test('an unregistered redirect URI ends on our error page, never at that address', async ({ page }) => {
  const app = await new ThirdPartyApp(discovery).start();
  try {
    await signUp(page, newAccount('oauth-bad-redirect'));
    app.credentials = await registerAppViaApi(page, {
      client_name: 'Honest app',
      redirect_uris: [app.redirectUri],
      application_type: 'native',
    });
    const authorize = new URL(discovery.authorizationEndpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: app.credentials.clientId,
      redirect_uri: `${app.origin}/attacker`,
      scope: 'tasks:read',
      state: 's',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    await page.goto(authorize.toString());
    await expect(page).toHaveURL(/\/oauth-error\?/);
    await expect(page.getByRole('heading', { level: 1, name: 'The app’s request was stopped' })).toBeVisible();
    expect(app.callbacks).toHaveLength(0);
    await expect(page.getByRole('main').getByRole('link')).toHaveText(['Go to your tasks']);
  } finally {
    await app.close();
  }
});

test('the error page shows what its query says as text, not as HTML', async ({ page }) => {
  const hostile = '<img src=x onerror="document.title=1"><a href="https://evil.example">Continue</a>';
  await page.goto(`/oauth-error?error=invalid_request&error_description=${encodeURIComponent(hostile)}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The app’s request was incomplete or not valid');
  await expect(alert).toContainText('<img src=x');
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link')).toHaveText(['Go to your tasks']);
});

test('Swagger UI’s Authorize signs a tester in through the consent page, and Try it out succeeds with the token', async ({
  page,
}) => {
  await signUp(page, newAccount('oauth-swagger'));
  await addTask(page, 'Listed in the explorer');
  // The tester's own public client, whose redirect URI is the explorer's callback page (README).
  const client = await registerAppViaApi(page, {
    client_name: 'My explorer',
    redirect_uris: [`${PUBLIC_ORIGIN}/api/docs/oauth2-redirect.html`],
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
  });

  await page.goto('/api/docs');
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  const oauth = page.locator('.auth-container').filter({ hasText: 'oauth2 (OAuth2, authorizationCode' });
  await oauth.getByLabel('client_id:').fill(client.clientId);
  const consentWindow = page.waitForEvent('popup');
  await oauth.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
  const popup = await consentWindow;
  await expect(popup.getByRole('heading', { name: 'My explorer wants to use your Taskvault account' })).toBeVisible();
  await expect(popup.getByRole('list', { name: 'What My explorer asks for' })).toContainText('See your tasks');
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: 'Allow' }).click();
  await closed;
  await expect(oauth.getByRole('button', { name: 'Remove authorization' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).first().click();

  const block = page.locator('[id$="-listTasks"]').first();
  await block.locator('.opblock-summary').first().click();
  const tryItOut = block.getByRole('button', { name: 'Try it out' });
  if (await tryItOut.isVisible()) await tryItOut.click();
  const sent = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/tasks');
  await block.getByRole('button', { name: 'Execute' }).click();
  const bearer = (await sent).headers().authorization ?? '';
  // The explorer sent the OAuth access token (RFC 9068), not a session JWT.
  const header = JSON.parse(Buffer.from(bearer.replace(/^Bearer /, '').split('.')[0], 'base64url').toString()) as {
    typ?: string;
  };
  expect(header.typ).toBe('at+jwt');
  await expect(block.locator('.live-responses-table tr.response .response-col_status').first()).toHaveText(/200/);
  await expect(block.locator('.live-responses-table tr.response .response-col_description').first()).toContainText(
    'Listed in the explorer',
  );
});
