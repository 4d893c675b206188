import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { API_PORT } from '../playwright.config';
import { newAccount, signUp } from './support';

const api = `http://127.0.0.1:${API_PORT}/api`;
const withToken = (token: string, init: RequestInit = {}) =>
  fetch(`${api}${init.method === 'POST' ? '/tasks' : '/tasks?limit=100'}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  });

test('a personal token created in the web app works from a script until it is revoked in the web app', async ({
  page,
}) => {
  await signUp(page, newAccount('tokens'));
  await page.goto('/account/tokens');
  const section = page.getByRole('region', { name: 'Personal access tokens' });
  await expect(section.getByRole('heading', { name: 'Personal access tokens' })).toBeVisible();
  await expect(section.getByText(/do not revoke tokens/)).toBeVisible();

  await section.getByLabel('Token name').fill('E2E script');
  await section.getByRole('checkbox', { name: 'Change tasks' }).check();
  await section.getByLabel('Expires after').selectOption('30');
  await section.getByRole('button', { name: 'Create token' }).click();

  const secretField = section.getByLabel('Token', { exact: true });
  await expect(secretField).toBeVisible();
  await expect(section.getByText(/only time it is shown/)).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^tvp_[0-9A-Za-z]{43,}$/);

  // The script: no cookie, no password, only the token.
  const created = await withToken(secret, { method: 'POST', body: JSON.stringify({ title: 'Filed by a script' }) });
  expect(created.status).toBe(201);
  const listed = await withToken(secret);
  expect(listed.status).toBe(200);
  expect(JSON.stringify(await listed.json())).toContain('Filed by a script');

  await section.getByRole('button', { name: 'I have copied it' }).click();
  await expect(secretField).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  const row = section.getByRole('listitem', { name: /E2E script/ });
  await expect(row).toContainText('tasks:read, tasks:write');
  await expect(row).toContainText(secret.slice(0, 10));

  const axe = await new AxeBuilder({ page }).include('.tokens-section').withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await row.getByRole('button', { name: 'Revoke E2E script' }).click();
  await section.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(section.getByText(/Revoked “E2E script”/)).toBeVisible();
  await expect(row).toHaveCount(0);

  // Refused within a second of the revocation.
  await expect.poll(async () => (await withToken(secret)).status, { timeout: 1000, intervals: [50] }).toBe(401);
});

test('the API explorer accepts a personal token under Authorize', async ({ page }) => {
  await signUp(page, newAccount('explorer-token'));
  await page.goto('/account/tokens');
  const section = page.getByRole('region', { name: 'Personal access tokens' });
  await section.getByLabel('Token name').fill('Explorer');
  await section.getByRole('button', { name: 'Create token' }).click();
  const secret = await section.getByLabel('Token', { exact: true }).inputValue();

  await page.goto(`http://localhost:${API_PORT}/api/docs`);
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  // Schemes in the dialog: jwt, personalToken, sessionCookie, sessionToken.
  await page.getByRole('textbox', { name: 'auth-bearer-value' }).nth(1).fill(secret);
  await page.getByRole('button', { name: 'Apply credentials' }).nth(1).click();
  await page.getByRole('button', { name: 'Close' }).first().click();
  const block = page.locator('[id$="-listTasks"]').first();
  await block.locator('.opblock-summary').first().click();
  const tryItOut = block.getByRole('button', { name: 'Try it out' });
  if (await tryItOut.isVisible()) await tryItOut.click();
  await block.getByRole('button', { name: 'Execute' }).click();
  await expect(block.locator('.live-responses-table tr.response .response-col_status').first()).toHaveText(/200/);
});
