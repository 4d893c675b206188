import AxeBuilder from '@axe-core/playwright';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { ThirdPartyApp, discover, registerAppViaApi } from './oauth-support';
import { addTask, newAccount, signUp } from './support';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 740 } };

async function scanAndCapture(page: Page, name: string) {
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
  // Some twenty pages, each with two full-page screenshots and an axe run: 50-52 s on a 2-core CI
  // machine, and once 60 s (the default budget) on a loaded one. Three times the budget.
  test.slow();
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await scanAndCapture(page, 'login');

  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await scanAndCapture(page, 'signup-errors');

  const account = newAccount('a11y');
  await signUp(page, account);
  await addTask(page, 'Accessible task');
  await page.getByRole('button', { name: 'More options' }).click();
  await scanAndCapture(page, 'tasks');
  // The recurrence editor and the reminder picker with every part shown, and a due view.
  const quickAdd = page.getByRole('form', { name: 'Add a task' });
  await quickAdd.getByLabel('Repeats').selectOption('weekly');
  await quickAdd.getByLabel('Ends').selectOption('after');
  await quickAdd.getByLabel('Remind me').selectOption('before');
  await expect(quickAdd.getByRole('checkbox', { name: 'Monday' })).toBeVisible();
  await scanAndCapture(page, 'tasks-recurrence');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByText('Nothing is due today.')).toBeVisible();
  await scanAndCapture(page, 'tasks-today');

  const accountPages = [
    { path: '/account', link: 'Profile', heading: 'Time zone and reminders', name: 'account' },
    { path: '/account/security', link: 'Security', heading: 'Active sessions', name: 'account-security' },
    { path: '/account/passkeys', link: 'Passkeys', heading: 'Add a passkey', name: 'account-passkeys' },
    { path: '/account/activity', link: 'Security activity', heading: 'Last 90 days', name: 'account-activity' },
    { path: '/account/tokens', link: 'Access tokens', heading: 'Personal access tokens', name: 'account-tokens' },
    { path: '/account/webhooks', link: 'Webhooks', heading: 'Your webhooks', name: 'account-webhooks' },
    { path: '/account/apps', link: 'Connected apps', heading: 'Apps you allowed', name: 'account-apps' },
    { path: '/account/developer', link: 'Developer apps', heading: 'Register an app', name: 'account-developer' },
    { path: '/account/data', link: 'Your data', heading: 'Delete account', name: 'account-data' },
  ];
  for (const { path, link, heading, name } of accountPages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    const subNavigation = page.getByRole('navigation', { name: 'Account' });
    await expect(subNavigation.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(subNavigation.locator('[aria-current]')).toHaveCount(1);
    await scanAndCapture(page, name);
  }

  // Two-factor set-up on the Security page: the QR code, the secret and the code field.
  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await page.getByLabel('Your password').fill(account.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Add Taskvault to your authenticator app' })).toBeFocused();
  await scanAndCapture(page, 'account-two-factor-setup');

  // The OAuth pages: consent (reached through a real authorization request), device, error.
  const app = await new ThirdPartyApp(await discover(), 'tasks:read offline_access').start();
  try {
    app.credentials = await registerAppViaApi(page, {
      client_name: 'Accessible app',
      redirect_uris: [app.redirectUri],
      application_type: 'native',
    });
    await page.goto(app.startUrl);
    await expect(
      page.getByRole('heading', { name: 'Accessible app wants to use your Taskvault account' }),
    ).toBeVisible();
    await scanAndCapture(page, 'consent');
  } finally {
    await app.close();
  }
  await page.goto('/device');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Enter the code the app shows.')).toBeVisible();
  await scanAndCapture(page, 'device-errors');
  await page.goto('/oauth-error?error=invalid_scope&error_description=scope%20admin%20is%20not%20offered');
  await expect(page.getByRole('heading', { level: 1, name: 'The app’s request was stopped' })).toBeVisible();
  await scanAndCapture(page, 'oauth-error');

  await page.goto('/users/00000000-0000-4000-8000-000000000000/tasks');
  await expect(page.getByRole('heading', { name: 'These tasks are not yours' })).toBeVisible();
  await scanAndCapture(page, 'not-yours');

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await scanAndCapture(page, 'not-found');
});

/** Presses Tab until `target` has the focus, as a keyboard user would; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 25) {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test('keyboard only: sign up, add and complete a task, with focus moved to each page’s heading', async ({ page }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const account = newAccount('keyboard');
  await tabTo(page, page.getByLabel('Name'));
  await page.keyboard.type(account.name);
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(account.email);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeFocused();

  // The server answers the creation only once the task has been ticked: the tick happens in the
  // moment a person can act before the server has answered, every run, not only on a slow one.
  const sent: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/tasks'))
      sent.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`);
  });
  let answerCreation!: () => void;
  const creationMayProceed = new Promise<void>((resolve) => (answerCreation = resolve));
  await page.route('**/api/tasks', async (route) => {
    if (route.request().method() === 'POST') await creationMayProceed;
    await route.continue();
  });

  await tabTo(page, page.getByLabel('New task title'));
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  const checkbox = page.getByRole('checkbox', { name: 'Typed without a mouse' });
  await tabTo(page, checkbox);
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();

  const completed = page.waitForResponse(
    (response) =>
      response.request().method() === 'PATCH' && /\/api\/tasks\/[0-9a-f-]{36}\/complete$/.test(response.url()),
  );
  answerCreation();
  expect((await completed).status()).toBe(200);
  // The server's task took the place of the one shown at once: same element, focus still on it.
  await expect(checkbox).toHaveAttribute('id', /^done-[0-9a-f]{8}-[0-9a-f-]{27}$/);
  await expect(checkbox).toBeFocused();
  await expect(checkbox).toBeChecked();
  expect(sent.filter((line) => line.includes('optimistic'))).toEqual([]);

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Typed without a mouse' })).toBeChecked();
});
