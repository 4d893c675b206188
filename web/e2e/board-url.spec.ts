import { expect, test } from '@playwright/test';
import { addTask, expectSearch, expectTaskTitles, filterField, newAccount, signUp, taskItem } from './support';

test('the board’s filters, search and sort live in the URL: a reload keeps them, Back goes back through them, the link opens the same view', async ({
  page,
  browser,
}) => {
  const account = newAccount('board-url');
  await signUp(page, account);
  await addTask(page, 'Buy oat milk');
  await addTask(page, 'Write the report');
  await addTask(page, 'Review the report');
  const completed = page.waitForResponse(
    (response) => response.request().method() === 'PATCH' && response.url().endsWith('/complete'),
  );
  await taskItem(page, 'Write the report').getByRole('checkbox').click();
  expect((await completed).status()).toBe(200);
  await expectSearch(page, '');

  // Each choice is a history entry; the defaults are never written.
  await filterField(page, 'Status').selectOption('open');
  await expectSearch(page, '?status=open');
  await expectTaskTitles(page, ['Review the report', 'Buy oat milk']);
  await filterField(page, 'Sort by').selectOption('title');
  await expectSearch(page, '?status=open&sort=title');
  await filterField(page, 'Order').selectOption('asc');
  await expectSearch(page, '?status=open&sort=title&order=asc');
  await expectTaskTitles(page, ['Buy oat milk', 'Review the report']);
  // Typing is one entry, written once the typing pauses.
  await filterField(page, 'Search').pressSequentially('oat');
  await expectSearch(page, '?q=oat&status=open&sort=title&order=asc');
  await expectTaskTitles(page, ['Buy oat milk']);
  const sharedUrl = page.url();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeVisible();
  await expectSearch(page, '?q=oat&status=open&sort=title&order=asc');
  await expect(filterField(page, 'Search')).toHaveValue('oat');
  await expect(filterField(page, 'Status')).toHaveValue('open');
  await expect(filterField(page, 'Sort by')).toHaveValue('title');
  await expect(filterField(page, 'Order')).toHaveValue('asc');
  await expectTaskTitles(page, ['Buy oat milk']);

  await page.goBack();
  await expectSearch(page, '?status=open&sort=title&order=asc');
  await expect(filterField(page, 'Search')).toHaveValue('');
  await expectTaskTitles(page, ['Buy oat milk', 'Review the report']);
  await page.goBack();
  await expectSearch(page, '?status=open&sort=title');
  await expect(filterField(page, 'Order')).toHaveValue('desc');
  await expectTaskTitles(page, ['Review the report', 'Buy oat milk']);
  await page.goForward();
  await expectSearch(page, '?status=open&sort=title&order=asc');
  await expect(filterField(page, 'Order')).toHaveValue('asc');
  await expectTaskTitles(page, ['Buy oat milk', 'Review the report']);

  // The link in a fresh page of the same browser: the same view.
  const fresh = await page.context().newPage();
  await fresh.goto(sharedUrl);
  await expect(filterField(fresh, 'Search')).toHaveValue('oat');
  await expect(filterField(fresh, 'Status')).toHaveValue('open');
  await expect(filterField(fresh, 'Order')).toHaveValue('asc');
  await expectTaskTitles(fresh, ['Buy oat milk']);
  await fresh.close();

  // The link in a browser that is not signed in: sign in, and the same view opens.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await elsewhere.goto(sharedUrl);
  await expect(elsewhere).toHaveURL(/\/login\?returnTo=/);
  await elsewhere.getByLabel('Email').fill(account.email);
  await elsewhere.getByLabel('Password').fill(account.password);
  await elsewhere.getByRole('button', { name: 'Sign in' }).click();
  await expectSearch(elsewhere, '?q=oat&status=open&sort=title&order=asc');
  await expect(filterField(elsewhere, 'Sort by')).toHaveValue('title');
  await expectTaskTitles(elsewhere, ['Buy oat milk']);
  await other.close();
});

test('a URL with invalid filter values shows the defaults and the board still loads', async ({ page }) => {
  await signUp(page, newAccount('board-url-invalid'));
  await addTask(page, 'Still listed');
  await page.goto(`/tasks?status=archived&priority=urgent&sort=owner&order=sideways&tag=${'x'.repeat(51)}`);
  await expect(filterField(page, 'Status')).toHaveValue('all');
  await expect(filterField(page, 'Priority')).toHaveValue('');
  await expect(filterField(page, 'Sort by')).toHaveValue('createdAt');
  await expect(filterField(page, 'Order')).toHaveValue('desc');
  await expect(filterField(page, 'Tag')).toHaveValue('');
  await expectTaskTitles(page, ['Still listed']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
