import { type Page, expect, test } from '@playwright/test';
import { newAccount, signUp, taskItem } from './support';

const answered = (page: Page, method: string, status: number) =>
  page.waitForResponse(
    (response) =>
      response.request().method() === method &&
      new URL(response.url()).pathname.startsWith('/api/tasks') &&
      response.status() === status,
  );

/** Opens the editor of `from` and leaves it open; `save` types `to` as its title and saves. */
async function openEditor(page: Page, from: string) {
  await page.getByRole('button', { name: `Edit ${from}` }).click();
  const form = page.getByRole('form', { name: `Edit ${from}` });
  await expect(form).toBeVisible();
  return {
    save: async (to: string) => {
      await form.getByLabel('Title', { exact: true }).fill(to);
      await form.getByRole('button', { name: 'Save' }).click();
    },
  };
}

test('one task edited in two tabs: the second save shows the conflict, and each choice ends with the right task on the server', async ({
  context,
  page: tabA,
}) => {
  await signUp(tabA, newAccount('conflict'));
  const created = answered(tabA, 'POST', 201);
  await tabA.getByLabel('New task title').fill('Shared plan');
  await tabA.getByRole('button', { name: 'Add', exact: true }).click();
  await created;

  const tabB = await context.newPage();
  await tabB.goto('/tasks');
  await expect(taskItem(tabB, 'Shared plan')).toBeVisible();

  // Round 1: B opens its editor, A saves first, B saves → the conflict; B takes theirs.
  const editorB = await openEditor(tabB, 'Shared plan');
  const savedA = answered(tabA, 'PATCH', 200);
  await (await openEditor(tabA, 'Shared plan')).save('Shared plan (from A)');
  await savedA;

  const refused = answered(tabB, 'PATCH', 412);
  await editorB.save('Shared plan (from B)');
  await refused;
  const panel = tabB.getByRole('alertdialog', { name: 'This task was changed elsewhere' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('row', { name: /Title/ })).toContainText('Shared plan (from B)');
  await expect(panel.getByRole('row', { name: /Title/ })).toContainText('Shared plan (from A)');
  await expect(panel.getByRole('button', { name: 'Take theirs' })).toBeFocused();
  await panel.getByRole('button', { name: 'Take theirs' }).click();
  await expect(panel).toBeHidden();
  await expect(taskItem(tabB, 'Shared plan (from A)')).toBeVisible();
  await expect(taskItem(tabB, 'Shared plan (from B)')).toHaveCount(0);
  // The server kept A's version: a fresh load of the board shows it.
  await tabA.reload();
  await expect(taskItem(tabA, 'Shared plan (from A)')).toBeVisible();

  // Round 2: the same race; this time B keeps its own change, sent over A's newer version.
  const editorB2 = await openEditor(tabB, 'Shared plan (from A)');
  const savedA2 = answered(tabA, 'PATCH', 200);
  await (await openEditor(tabA, 'Shared plan (from A)')).save('Shared plan (A again)');
  const versionA2 = (await savedA2).headers()['etag'];

  const refused2 = answered(tabB, 'PATCH', 412);
  await editorB2.save('Shared plan (B wins)');
  await refused2;
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('row', { name: /Title/ })).toContainText('Shared plan (A again)');
  const resent = answered(tabB, 'PATCH', 200);
  await panel.getByRole('button', { name: 'Keep mine' }).click();
  const kept = await resent;
  // Sent over A's version (its tag in If-Match), not the one B's editor had opened on.
  expect(kept.request().headers()['if-match']).toBe(versionA2);
  await expect(panel).toBeHidden();
  await expect(taskItem(tabB, 'Shared plan (B wins)')).toBeVisible();
  await tabA.reload();
  await expect(taskItem(tabA, 'Shared plan (B wins)')).toBeVisible();
  await expect(taskItem(tabA, 'Shared plan (A again)')).toHaveCount(0);
});
