import { type Page, expect } from '@playwright/test';

let counter = 0;
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@e2e.test`;
}

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(prefix = 'user'): Account {
  return { name: `E2E ${prefix}`, email: uniqueEmail(prefix), password: 'e2e-password-123' };
}

export async function signUp(page: Page, account: Account): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeVisible();
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your tasks' })).toBeVisible();
}

export async function addTask(page: Page, title: string): Promise<void> {
  await page.getByLabel('New task title').fill(title);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Task list' }).getByText(title, { exact: true })).toBeVisible();
}

export function taskItem(page: Page, title: string) {
  return page.getByRole('listitem').filter({ has: page.getByText(title, { exact: true }) });
}

/** A field of the board's filter form (the quick add has fields of the same names). */
export function filterField(page: Page, label: string) {
  return page.getByRole('search', { name: 'Filter tasks' }).getByLabel(label, { exact: true });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The task list shows exactly these tasks, in this order. */
export async function expectTaskTitles(page: Page, titles: string[]): Promise<void> {
  await expect(page.getByRole('list', { name: 'Task list' }).getByRole('listitem')).toHaveText(
    titles.map((title) => new RegExp(`^${escapeRegExp(title)}`)),
  );
}

/** The address bar's query string (with its `?`), once it settles to `search`. */
export async function expectSearch(page: Page, search: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).search).toBe(search);
}

/** On the Security activity page: rows are written without the request waiting, so reload until `text` is listed. */
export async function expectActivityEvent(page: Page, text: string): Promise<void> {
  const list = page.getByRole('list', { name: 'Security events, newest first' });
  await expect(async () => {
    await page.reload();
    await expect(list.getByRole('listitem').filter({ hasText: text }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}
