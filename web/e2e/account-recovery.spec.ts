import { type Page, expect, test } from '@playwright/test';
import { MAILBOX_WEB_PORT, REQUIRED_API_PORT } from '../playwright.config';
import { addTask, newAccount, signIn, signUp } from './support';

const MAILBOX = `http://127.0.0.1:${MAILBOX_WEB_PORT}/`;

/** Opens the local mailbox and waits (reloading, as a person would) for the mail. */
async function openMail(page: Page, to: string, subject: RegExp) {
  await page.goto(MAILBOX);
  const mail = page
    .getByRole('article')
    .filter({ hasText: to })
    .filter({ has: page.getByRole('heading', { name: subject }) });
  await expect(async () => {
    await page.reload();
    await expect(mail.first()).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  return mail.first();
}

test('forgot password: the mailed link leads to a new password, and the new one signs in', async ({ page }) => {
  const account = newAccount('forgot');
  await signUp(page, account);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('button', { name: 'Send me a reset link' }).click();
  await expect(page.getByRole('status')).toContainText('a link to choose a new password is on its way');

  const mail = await openMail(page, account.email, /reset your taskvault password/i);
  await mail.getByRole('link', { name: /\/reset-password#token=/ }).click();
  // The token came in the fragment and is gone from the address bar.
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel('New password').fill('brand-new-e2e-password-9');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByText('Your password was changed.')).toBeVisible();

  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await signIn(page, { ...account, password: 'brand-new-e2e-password-9' });

  // The link worked once: used again, it says so.
  const again = await openMail(page, account.email, /reset your taskvault password/i);
  await again.getByRole('link', { name: /\/reset-password#token=/ }).click();
  await page.getByLabel('New password').fill('another-new-e2e-password-8');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This reset link has expired or was already used.')).toBeVisible();
  // The password stayed the one the first use set.
  await signIn(page, { ...account, password: 'brand-new-e2e-password-9' });
});

test('changing the address from the profile page: the new address confirms it, the old one is told', async ({
  page,
}) => {
  const account = newAccount('moving');
  const newEmail = newAccount('moved').email;
  await signUp(page, account);
  await page.getByRole('link', { name: 'Account' }).click();
  await expect(
    page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Profile' }),
  ).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('New email address').fill(newEmail);
  await page.getByRole('button', { name: 'Change email' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Check ${newEmail}` })).toBeVisible();

  const mail = await openMail(page, newEmail, /confirm your new taskvault email/i);
  await mail.getByRole('link', { name: /\/email-verified#token=/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email address confirmed' })).toBeVisible();
  await openMail(page, account.email, /email address was changed/i);

  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText(newEmail);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, { ...account, email: newEmail });
});

test('deleting the account with the password signs out and the account can no longer sign in', async ({ page }) => {
  const account = newAccount('delete');
  await signUp(page, account);
  await addTask(page, 'Gone with the account');
  await page.getByRole('link', { name: 'Account' }).click();
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Your data' }).click();
  await expect(page).toHaveURL(/\/account\/data$/);

  await page.getByLabel('Password to confirm deletion').fill('not-my-password');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByText('The password is not right.')).toBeVisible();

  await page.getByLabel('Password to confirm deletion').fill(account.password);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/login\?deleted=1$/);
  await expect(page.getByText('Your account was deleted.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign up' })).toBeVisible();

  await page.goto('/tasks');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');

  await openMail(page, account.email, /account was deleted/i);
});

test('sign-up when verification is required: mailbox, confirm, signed in', async ({ page }) => {
  const origin = `http://localhost:${REQUIRED_API_PORT}`;
  const account = newAccount('required');
  await page.goto(`${origin}/signup`);
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your mailbox' })).toBeVisible();
  // The account is written by the queued sign-up (the same work for a taken address, so the answer
  // tells nothing), which sends the link once it has run.
  await openMail(page, account.email, /confirm your email address/i);

  // Before confirming, signing in says why not and offers the link again.
  await page.goto(`${origin}/login`);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Please confirm your email address first');
  await expect(page.getByRole('button', { name: 'Send the confirmation link again' })).toBeVisible();

  const mail = await openMail(page, account.email, /confirm your email address/i);
  await mail.getByRole('link', { name: /\/email-verified#token=/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email address confirmed' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${origin}/email-verified$`));
  // Better Auth signed this browser in with the link.
  await page.getByRole('link', { name: 'Go to your tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${origin}/tasks$`));
});
