import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { addTask, newAccount, signUp } from './support';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };

async function scanAndCapture(page: import('@playwright/test').Page, name: string) {
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `e2e/screenshots/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

test('every page passes an axe scan with no serious violations, at desktop and phone width', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await scanAndCapture(page, 'login');

  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await scanAndCapture(page, 'signup-errors');

  await signUp(page, newAccount('a11y'));
  await addTask(page, 'Accessible task');
  await page.getByRole('button', { name: 'More options' }).click();
  await scanAndCapture(page, 'tasks');

  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Active sessions' })).toBeVisible();
  await scanAndCapture(page, 'account');

  await page.goto('/users/00000000-0000-4000-8000-000000000000/tasks');
  await expect(page.getByRole('heading', { name: 'These tasks are not yours' })).toBeVisible();
  await scanAndCapture(page, 'not-yours');

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await scanAndCapture(page, 'not-found');
});

test('keyboard only: sign up, add and complete a task, with focus moved to each page’s heading', async ({ page }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const account = newAccount('keyboard');
  await page.keyboard.press('Tab');
  // Tab through the header links to the form.
  const name = page.getByLabel('Name');
  for (let i = 0; i < 10 && !(await name.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(name).toBeFocused();
  await page.keyboard.type(account.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab'); // past the password hint is text, not focusable
  if (!(await page.getByLabel('Password').evaluate((el) => el === document.activeElement)))
    await page.getByLabel('Password').focus();
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.getByLabel('New task title').focus();
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  const checkbox = page.getByRole('checkbox', { name: 'Typed without a mouse' });
  await expect(checkbox).toBeVisible();
  await checkbox.focus();
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
});
