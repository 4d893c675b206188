import { expect, test } from '@playwright/test';
import { API_PORT } from '../playwright.config';
import { newAccount } from './support';

test('a tester goes from nothing to a listed task in the API explorer alone', async ({ page }) => {
  const account = newAccount('explorer');
  await page.goto(`http://localhost:${API_PORT}/api/docs`);
  await expect(page.getByText('Taskvault API').first()).toBeVisible();

  const operation = (id: string) => page.locator(`[id$="-${id}"]`).first();
  async function run(id: string, body?: string) {
    const block = operation(id);
    await block.locator('.opblock-summary').first().click();
    // The explorer opens operations ready to try; older setups need "Try it out" first.
    const tryItOut = block.getByRole('button', { name: 'Try it out' });
    if (await tryItOut.isVisible()) await tryItOut.click();
    if (body !== undefined) await block.locator('textarea.body-param__text').fill(body);
    await block.getByRole('button', { name: 'Execute' }).click();
    const status = block.locator('.live-responses-table tr.response .response-col_status').first();
    await expect(status).toBeVisible();
    return block;
  }

  // Sign up (the explorer keeps the session cookie), then ask for a JWT.
  const signUp = await run(
    'signUpWithEmailAndPassword',
    JSON.stringify({ name: account.name, email: account.email, password: account.password }),
  );
  await expect(signUp.locator('.live-responses-table tr.response .response-col_status').first()).toHaveText(/200/);
  const token = await run('getJSONWebToken');
  await expect(token.locator('.live-responses-table tr.response .response-col_status').first()).toHaveText(/200/);
  const jwt = JSON.parse(
    (await token.locator('.live-responses-table tr.response .microlight').first().innerText()).trim(),
  ).token as string;
  expect(jwt.split('.')).toHaveLength(3);

  // Authorize with the JWT, create a task and list it.
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  // The first scheme of the dialog is `jwt` (the second, the session token, is for /api/auth).
  await page.getByRole('textbox', { name: 'auth-bearer-value' }).first().fill(jwt);
  await page.getByRole('button', { name: 'Apply credentials' }).first().click();
  await page.getByRole('button', { name: 'Close' }).first().click();

  const created = await run('createTask', JSON.stringify({ title: 'Made in the explorer' }));
  await expect(created.locator('.live-responses-table tr.response .response-col_status').first()).toHaveText(/201/);
  const listed = await run('listTasks');
  await expect(listed.locator('.live-responses-table tr.response .response-col_status').first()).toHaveText(/200/);
  await expect(listed.locator('.live-responses-table tr.response .microlight').first()).toContainText(
    'Made in the explorer',
  );
});
