import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { signOut } from './oauth-support';
import { addTask, expectActivityEvent, newAccount, signIn, signUp } from './support';

/**
 * Chromium's virtual authenticator (DevTools protocol): a platform authenticator with resident
 * keys that verifies the user (as a fingerprint reader would), answering every prompt at once.
 */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; id: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

async function signInWithPasskey(page: Page) {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Use a passkey' }).click();
}

test('passkey: add from the account page, sign in with it alone, remove it, then it is refused', async ({ page }) => {
  const account = newAccount('passkey');
  await signUp(page, account);
  await addTask(page, 'Seen after a passkey sign-in');
  const authenticator = await addVirtualAuthenticator(page);
  const credentialsOnDevice = async () =>
    (await authenticator.cdp.send('WebAuthn.getCredentials', { authenticatorId: authenticator.id })).credentials.length;

  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Passkeys' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Passkeys' })).toBeVisible();
  await page.getByLabel('Passkey name').fill('Test laptop');
  await page.getByLabel('Your password').fill('not-the-password');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByRole('alert')).toContainText('That password is not right');
  // The device made a passkey the server refused: the page told it to drop it (WebAuthn Signal API).
  await expect.poll(credentialsOnDevice).toBe(0);
  await page.getByLabel('Your password').fill(account.password);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  const passkeys = page.getByRole('list', { name: 'Your passkeys' });
  await expect(passkeys.getByText('Test laptop')).toBeVisible();
  await expect(passkeys).toContainText('Added');
  expect(await credentialsOnDevice()).toBe(1);

  await signOut(page);
  await signInWithPasskey(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeVisible();
  await expect(page.getByText('Seen after a passkey sign-in')).toBeVisible();

  await page.goto('/account/passkeys');
  await page.getByRole('button', { name: 'Remove Test laptop' }).click();
  await expect(page.getByRole('status')).toContainText('Removed “Test laptop”');
  await expect(page.getByText('No passkeys yet.')).toBeVisible();

  await signOut(page);
  // The browser still holds the credential; the server no longer knows it.
  await signInWithPasskey(page);
  await expect(page.getByRole('alert')).toContainText('That passkey did not sign you in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  // The activity page shows the passkey's life, recorded by the server.
  await signIn(page, account);
  await page.goto('/account/activity');
  for (const event of ['Passkey added', 'Signed in with a passkey', 'Passkey removed']) {
    await expectActivityEvent(page, event);
  }
});
