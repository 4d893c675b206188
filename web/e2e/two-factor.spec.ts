import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { secretOf, totpCode, wrongTotpCode } from '../../api/test/support/totp.js';
import { ThirdPartyApp, discover, registerAppViaApi, signInOnPage, signOut } from './oauth-support';
import { expectActivityEvent, newAccount, signUp, type Account } from './support';

const SECOND_STEP_CODE = 'Code from your authenticator app';

/** Account → Security, and the two-factor status it shows. */
async function securityPage(page: Page, status: 'On' | 'Off') {
  await page.goto('/account/security');
  const section = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(section.getByText(`Status: ${status}.`)).toBeVisible();
  return section;
}

/** The backup codes as the page shows them (once). */
async function shownBackupCodes(page: Page): Promise<string[]> {
  const codes = page.getByRole('region', { name: 'Your backup codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  return (await codes.allInnerTexts()).map((code) => code.trim());
}

/** The password step on /login, then the second step with the given code. */
async function signInWithCode(page: Page, account: Account, code: string) {
  await page.goto('/login');
  await signInOnPage(page, account.email, account.password);
  await page.getByLabel(SECOND_STEP_CODE).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

const tasksHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Your tasks' });

test('two-factor from the account page: turn on with the shown secret, sign in with a code and with backup codes (each once), regenerate, turn off', async ({
  page,
}) => {
  const account = newAccount('two-factor-ui');
  await signUp(page, account);

  // Turn on: the password, then the secret (read from the page as a person would type it), then a code.
  let section = await securityPage(page, 'Off');
  await section.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await section.getByLabel('Your password').fill(account.password);
  await section.getByRole('button', { name: 'Continue' }).click();
  await expect(section.getByRole('img', { name: /QR code of your two-factor secret/ })).toBeVisible();
  const secret = await section.getByLabel('Secret key').inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  await section.getByLabel(SECOND_STEP_CODE).fill(wrongTotpCode(secret));
  await section.getByRole('button', { name: 'Turn on' }).click();
  await expect(section.getByRole('alert')).toContainText('That code did not work');
  await expect(section.getByText('Status: Off.')).toBeVisible();
  await section.getByLabel(SECOND_STEP_CODE).fill(totpCode(secret));
  await section.getByRole('button', { name: 'Turn on' }).click();
  await expect(section.getByText('Status: On.')).toBeVisible();
  await expect(section.getByText(/Lost your device\?/)).toBeVisible();

  // The backup codes, once: the download holds the same ten.
  const codes = await shownBackupCodes(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('taskvault-backup-codes.txt');
  const saved = await readFile(await download.path(), 'utf8');
  for (const code of codes) expect(saved.split('\n')).toContain(code);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByRole('region', { name: 'Your backup codes' })).toHaveCount(0);

  // Signed out, the password alone opens nothing; the code from the app does.
  await signOut(page);
  await page.goto('/login');
  await signInOnPage(page, account.email, account.password);
  await expect(page.getByLabel(SECOND_STEP_CODE)).toBeVisible();
  await page.goto('/tasks');
  await expect(page).toHaveURL(/\/login/);
  await signInWithCode(page, account, totpCode(secret));
  await expect(tasksHeading(page)).toBeVisible();

  // A lost device: a backup code signs in once; used again it is refused.
  await signOut(page);
  await signInWithCode(page, account, codes[0]);
  await expect(tasksHeading(page)).toBeVisible();
  await signOut(page);
  await signInWithCode(page, account, codes[0]);
  await expect(page.getByRole('alert')).toContainText('That code did not work');
  await page.getByLabel(SECOND_STEP_CODE).fill(codes[1]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(tasksHeading(page)).toBeVisible();

  // New backup codes (with the password): the old ones stop working.
  section = await securityPage(page, 'On');
  await section.getByRole('button', { name: 'Make new backup codes' }).click();
  await section.getByLabel('Your password').fill('not-the-password');
  await section.getByRole('button', { name: 'Make new backup codes' }).click();
  await expect(section.getByRole('alert')).toContainText('That password is not right.');
  await section.getByLabel('Your password').fill(account.password);
  await section.getByRole('button', { name: 'Make new backup codes' }).click();
  const newCodes = await shownBackupCodes(page);
  expect(newCodes.filter((code) => codes.includes(code))).toEqual([]);
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await signOut(page);
  await signInWithCode(page, account, codes[2]);
  await expect(page.getByRole('alert')).toContainText('That code did not work');
  await page.getByLabel(SECOND_STEP_CODE).fill(newCodes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(tasksHeading(page)).toBeVisible();

  // Turn off, with the password; then the password alone signs in again.
  section = await securityPage(page, 'On');
  await section.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
  await section.getByLabel('Your password').fill(account.password);
  await section.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
  await expect(section.getByText('Status: Off.')).toBeVisible();
  await expect(section.getByRole('status')).toContainText('Two-factor sign-in is off.');
  await signOut(page);
  await page.goto('/login');
  await signInOnPage(page, account.email, account.password);
  await expect(tasksHeading(page)).toBeVisible();

  // The activity page shows what was done, recorded by the server.
  await page.goto('/account/activity');
  for (const event of [
    'Two-factor sign-in turned on',
    'Signed in with an authenticator code',
    'Signed in with a backup code',
    'Failed sign-in attempt with a backup code',
    'New backup codes made',
    'Two-factor sign-in turned off',
  ]) {
    await expectActivityEvent(page, event);
  }
});

test('an app’s authorization goes on to the consent page after the second step, and the app gets its code', async ({
  page,
}) => {
  const app = await new ThirdPartyApp(await discover()).start();
  try {
    const account = newAccount('two-factor-oauth');
    await signUp(page, account);
    app.credentials = await registerAppViaApi(page, {
      client_name: 'Two-factor app',
      redirect_uris: [app.redirectUri],
      application_type: 'native',
    });
    const secret = await turnOnTwoFactorThroughApi(page, account.password);
    await signOut(page);

    await page.goto(app.startUrl);
    await expect(page).toHaveURL(/\/login\?/);
    await signInOnPage(page, account.email, account.password);
    await page.getByLabel(SECOND_STEP_CODE).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/consent\?/);
    await expect(
      page.getByRole('heading', { name: 'Two-factor app wants to use your Taskvault account' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('heading', { name: 'Connected' })).toBeVisible();
    expect(app.callbacks.at(-1)?.get('code')).toBeTruthy();
    expect((await app.listTasks()).status).toBe(200);
  } finally {
    await app.close();
  }
});

/** Faster than the page for a test whose subject is elsewhere: enable with the password, confirm with a code. */
async function turnOnTwoFactorThroughApi(page: Page, password: string): Promise<string> {
  const headers = { Origin: new URL(page.url()).origin };
  const enabled = await page.request.post('/api/auth/two-factor/enable', { headers, data: { password } });
  expect(enabled.status()).toBe(200);
  const secret = secretOf(((await enabled.json()) as { totpURI: string }).totpURI);
  const confirmed = await page.request.post('/api/auth/two-factor/verify-totp', {
    headers,
    data: { code: totpCode(secret) },
  });
  expect(confirmed.status()).toBe(200);
  return secret;
}
