import { expect, test } from '@playwright/test';
import { addTask, newAccount, signUp, taskItem } from './support';

test('a new user signs up, adds, edits, completes, filters, searches and deletes tasks, then signs out', async ({
  page,
}) => {
  await signUp(page, newAccount('journey'));
  await expect(page.getByText('No tasks yet. Add your first one above.')).toBeVisible();

  // Quick add, then the optional fields.
  await addTask(page, 'Buy oat milk');
  await page.getByRole('button', { name: 'More options' }).click();
  await page.getByLabel('New task title').fill('Write the report');
  await page.getByLabel('Description').fill('Numbers from finance first');
  await page.getByLabel('Priority', { exact: true }).first().selectOption('high');
  await page.getByLabel('Tags').first().fill('work, q3');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const report = taskItem(page, 'Write the report');
  await expect(report).toContainText('high priority');
  await expect(report).toContainText('#work');

  // Edit.
  await page.getByRole('button', { name: 'Edit Buy oat milk' }).click();
  await page.getByLabel('Title', { exact: true }).fill('Buy oat milk and bread');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(taskItem(page, 'Buy oat milk and bread')).toBeVisible();

  // Complete.
  await taskItem(page, 'Buy oat milk and bread').getByRole('checkbox').click();
  await expect(taskItem(page, 'Buy oat milk and bread').getByRole('checkbox')).toBeChecked();

  // Filter by status.
  await page.getByLabel('Status').selectOption('done');
  await expect(taskItem(page, 'Buy oat milk and bread')).toBeVisible();
  await expect(taskItem(page, 'Write the report')).toHaveCount(0);
  await page.getByLabel('Status').selectOption('open');
  await expect(taskItem(page, 'Write the report')).toBeVisible();
  await expect(taskItem(page, 'Buy oat milk and bread')).toHaveCount(0);
  await page.getByLabel('Status').selectOption('all');

  // Filter by tag and priority, then search.
  await page.getByLabel('Tag', { exact: true }).fill('q3');
  await expect(taskItem(page, 'Write the report')).toBeVisible();
  await expect(taskItem(page, 'Buy oat milk and bread')).toHaveCount(0);
  await page.getByLabel('Tag', { exact: true }).fill('');
  await page.getByLabel('Search').fill('bread');
  await expect(taskItem(page, 'Buy oat milk and bread')).toBeVisible();
  await expect(taskItem(page, 'Write the report')).toHaveCount(0);
  await page.getByLabel('Search').fill('');

  // Delete, with confirmation.
  await page.getByRole('button', { name: 'Delete Write the report' }).click();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(taskItem(page, 'Write the report')).toHaveCount(0);
  await page.reload();
  await expect(taskItem(page, 'Buy oat milk and bread')).toBeVisible();
  await expect(taskItem(page, 'Write the report')).toHaveCount(0);

  // Sign out: protected pages are closed again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/tasks');
  await expect(page).toHaveURL(/\/login\?returnTo=%2Ftasks/);
  await expect(page.getByText('Buy oat milk and bread')).toHaveCount(0);
});
