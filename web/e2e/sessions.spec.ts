import { expect, test } from '@playwright/test';
import { SHORT_API_PORT } from '../playwright.config';
import { addTask, newAccount, signIn, signUp, taskItem } from './support';

test('with 4-second JWTs the board keeps working across expiry without the user noticing', async ({ page }) => {
  const base = `http://localhost:${SHORT_API_PORT}`;
  let tokenRequests = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/api/auth/token')) tokenRequests += 1;
  });
  const account = newAccount('expiry');
  await page.goto(`${base}/signup`);
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeVisible();
  await addTask(page, 'Before expiry');
  await page.waitForTimeout(6_000);
  await addTask(page, 'After one expiry');
  await taskItem(page, 'Before expiry').getByRole('checkbox').click();
  await expect(taskItem(page, 'Before expiry').getByRole('checkbox')).toBeChecked();
  await page.waitForTimeout(5_000);
  await addTask(page, 'After two expiries');
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(taskItem(page, 'Before expiry').getByRole('checkbox')).toBeChecked();
  expect(tokenRequests).toBeGreaterThanOrEqual(3);
});

test('signing out everywhere from one browser sends the other to sign in on its next action', async ({ browser }) => {
  const account = newAccount('everywhere');
  const first = await browser.newContext();
  const second = await browser.newContext();
  const firstPage = await first.newPage();
  const secondPage = await second.newPage();
  await signUp(firstPage, account);
  await signIn(secondPage, account);
  await addTask(secondPage, 'Written on the second device');

  await firstPage.goto('/account/security');
  await expect(firstPage.getByRole('heading', { name: 'Active sessions' })).toBeVisible();
  await expect(firstPage.getByRole('listitem').filter({ hasText: 'Last seen' })).toHaveCount(2);
  await firstPage.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(firstPage.getByText('Signed out everywhere else.')).toBeVisible();

  await secondPage.getByLabel('New task title').fill('Should not be saved');
  await secondPage.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(secondPage).toHaveURL(/\/login\?returnTo=%2Ftasks/);
  await expect(secondPage.getByText('Please sign in to continue.')).toBeVisible();

  // Signing in again returns to where the user was.
  await secondPage.getByLabel('Email').fill(account.email);
  await secondPage.getByLabel('Password').fill(account.password);
  await secondPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(secondPage).toHaveURL(/\/tasks$/);
  await expect(secondPage.getByText('Should not be saved')).toHaveCount(0);

  await first.close();
  await second.close();
});
