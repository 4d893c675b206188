import { expect, test } from '@playwright/test';
import { addTask, expectActivityEvent as expectEvent, newAccount, signIn, signUp } from './support';

test('the activity page shows a password change and a sign-in, and "This wasn’t me" signs the other device out', async ({
  browser,
}) => {
  const account = newAccount('activity');
  const first = await browser.newContext();
  const second = await browser.newContext();
  const firstPage = await first.newPage();
  const secondPage = await second.newPage();
  await signUp(firstPage, account);

  await firstPage.goto('/account/security');
  await firstPage.getByLabel('Current password').fill(account.password);
  account.password = 'e2e-changed-password-456';
  await firstPage.getByLabel('New password').fill(account.password);
  await firstPage.getByRole('button', { name: 'Change password' }).click();
  await expect(firstPage.getByRole('status')).toBeVisible();

  // Someone else signs in with the new password, from another browser.
  await signIn(secondPage, account);
  await addTask(secondPage, 'Written by the other device');

  await firstPage.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security activity' }).click();
  await expect(firstPage.getByRole('heading', { level: 1, name: 'Security activity' })).toBeVisible();
  await expectEvent(firstPage, 'Password changed');
  await expectEvent(firstPage, 'Signed in with the password');
  const changed = firstPage.getByRole('listitem').filter({ hasText: 'Password changed' });
  await expect(changed).toContainText('This device');
  await expect(changed.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

  await firstPage.getByRole('button', { name: 'This wasn’t me' }).click();
  await expect(firstPage.getByRole('heading', { name: 'Secure your account' })).toBeFocused();
  await firstPage.getByRole('button', { name: 'Sign out everywhere else and change my password' }).click();
  await expect(firstPage).toHaveURL(/\/account\/security#password-heading$/);
  await expect(firstPage.getByRole('heading', { name: 'Change password' })).toBeVisible();

  // The other browser is signed out: its next action sends it to sign in.
  await secondPage.getByLabel('New task title').fill('Should not be saved');
  await secondPage.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(secondPage).toHaveURL(/\/login\?returnTo=%2Ftasks/);

  // This browser stays signed in, and the sign-out is on the list.
  await firstPage.goto('/account/activity');
  await expectEvent(firstPage, 'Signed out everywhere');
  await first.close();
  await second.close();
});
