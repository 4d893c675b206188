import { expect, test } from '@playwright/test';
import { addTask, newAccount, signUp } from './support';

test('a second user in another browser never sees the first user’s tasks, and their user path is "not yours"', async ({
  browser,
}) => {
  const alice = await browser.newContext();
  const mallory = await browser.newContext();
  const alicePage = await alice.newPage();
  const malloryPage = await mallory.newPage();

  await signUp(alicePage, newAccount('alice'));
  await addTask(alicePage, 'Alice’s private plan');
  const aliceId = (await (await alicePage.request.get('/api/auth/get-session')).json()).user.id as string;

  await signUp(malloryPage, newAccount('mallory'));
  await expect(malloryPage.getByText('No tasks yet. Add your first one above.')).toBeVisible();
  await malloryPage.getByLabel('Search').fill('private');
  await expect(malloryPage.getByText('Alice’s private plan')).toHaveCount(0);

  await malloryPage.goto(`/users/${aliceId}/tasks`);
  await expect(malloryPage.getByRole('heading', { name: 'These tasks are not yours' })).toBeVisible();
  await expect(malloryPage.getByText('Alice’s private plan')).toHaveCount(0);

  await alice.close();
  await mallory.close();
});
