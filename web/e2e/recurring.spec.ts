import { rm, writeFile } from 'node:fs/promises';
import { type Page, expect, test } from '@playwright/test';
import { MAILBOX_WEB_PORT, REMINDER_CLOCK_FILE } from '../playwright.config';
import { expectSearch, expectTaskTitles, filterField, newAccount, signUp, taskItem } from './support';

// A zone with DST and an offset from UTC: "Monday 9:00" must mean 9:00 there, on the server too.
test.use({ timezoneId: 'Europe/Paris', locale: 'en-GB' });

const MAILBOX = `http://127.0.0.1:${MAILBOX_WEB_PORT}/`;

/** A datetime-local value `days` days and `minutes` minutes from now (or at `time` on that day), in the page's zone. */
function localInput(page: Page, { days = 0, minutes = 0, time }: { days?: number; minutes?: number; time?: string }) {
  return page.evaluate(
    ({ days, minutes, time }) => {
      const date = new Date(Date.now() + days * 86_400_000 + minutes * 60_000);
      const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      return time ? `${local.slice(0, 10)}T${time}` : local;
    },
    { days, minutes, time },
  );
}

/** The profile gets the device's zone, which the Account page offers while the profile is still on UTC. */
async function useDeviceTimeZone(page: Page) {
  await page.goto('/account');
  await expect(page.getByText('Your profile is still on UTC')).toBeVisible();
  await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Paris');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Europe/Paris');
  await expect(page.getByText('Your profile is still on UTC')).toBeHidden();
  await page.goto('/tasks');
}

async function openQuickAddOptions(page: Page, title: string) {
  const form = page.getByRole('form', { name: 'Add a task' });
  await form.getByLabel('New task title').fill(title);
  if ((await form.getByRole('button', { name: 'More options' }).count()) > 0)
    await form.getByRole('button', { name: 'More options' }).click();
  return form;
}

async function addDueTask(page: Page, title: string, due: string) {
  const form = await openQuickAddOptions(page, title);
  await form.getByLabel('Due').fill(due);
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(taskItem(page, title)).toBeVisible();
}

test('a weekly task made from the UI: completing it shows the next one, a week on, at the same time', async ({
  page,
}) => {
  await signUp(page, newAccount('weekly'));
  await useDeviceTimeZone(page);

  // Next Monday (or today, if Monday) at 9:00 in Paris.
  const monday = await page.evaluate(() => (8 - new Date().getDay()) % 7);
  const due = await localInput(page, { days: monday + 7, time: '09:00' });
  const form = await openQuickAddOptions(page, 'Weekly review');
  await form.getByLabel('Due').fill(due);
  await form.getByLabel('Repeats').selectOption('weekly');
  await expect(form.getByRole('checkbox', { name: 'Monday' })).toBeChecked();
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  const card = taskItem(page, 'Weekly review');
  await expect(card).toContainText('Every Monday');

  const completed = page.waitForResponse(
    (response) => response.request().method() === 'PATCH' && response.url().endsWith('/complete'),
  );
  // A click, not check(): the box follows the cached list, which the optimistic update changes a
  // task later (TanStack Query notifies on a timer), and check() reads the box right after the click.
  // What it must end as is asserted below, by waiting.
  await card.getByRole('checkbox').click();
  const answer = (await (await completed).json()) as { next: { dueAt: string; recurrence: string } | null };
  expect(answer.next?.recurrence).toBe('FREQ=WEEKLY;BYDAY=MO');
  const expected = await page.evaluate((dueAt) => {
    const next = new Date(Date.parse(new Date(dueAt).toISOString()) + 7 * 86_400_000);
    return {
      notice: `Next: ${new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' }).format(next)}`,
      local: new Date(next.getTime() - next.getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
    };
  }, due);
  await expect(page.getByRole('status').filter({ hasText: 'Next:' })).toHaveText(expected.notice);
  // 9:00 in Paris a week on, as the server computed it.
  expect(
    await page.evaluate((iso) => {
      const date = new Date(iso);
      return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    }, answer.next!.dueAt),
  ).toBe(expected.local);
  expect(expected.local.endsWith('T09:00')).toBe(true);

  // The list refreshed: the done one and the next one, open and repeating.
  await expect(page.getByRole('checkbox', { name: 'Weekly review' })).toHaveCount(2);
  await expect(page.getByRole('checkbox', { name: 'Weekly review', checked: true })).toHaveCount(1);
  await filterField(page, 'Status').selectOption('open');
  await expectTaskTitles(page, ['Weekly review']);
  await expect(taskItem(page, 'Weekly review')).toContainText('Every Monday');
  await expect(taskItem(page, 'Weekly review').getByRole('checkbox')).not.toBeChecked();
});

test('the Today, Upcoming and Overdue views show the right tasks, soonest first, and live in the URL', async ({
  page,
}) => {
  await signUp(page, newAccount('views'));
  await useDeviceTimeZone(page);
  await addDueTask(page, 'Yesterday’s call', await localInput(page, { days: -1, time: '09:00' }));
  await addDueTask(page, 'Tonight’s bins', await localInput(page, { time: '23:59' }));
  await addDueTask(page, 'Next week’s report', await localInput(page, { days: 7, time: '10:00' }));
  await addDueTask(page, 'Tomorrow’s run', await localInput(page, { days: 1, time: '07:00' }));
  const form = page.getByRole('form', { name: 'Add a task' });
  await form.getByLabel('New task title').fill('Someday');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(taskItem(page, 'Someday')).toBeVisible();

  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('link', { name: 'Today' }).click();
  await expectSearch(page, '?due=today');
  await expect(views.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
  await expectTaskTitles(page, ['Tonight’s bins']);
  await expect(filterField(page, 'Sort by')).toHaveValue('dueAt');

  await views.getByRole('link', { name: 'Upcoming' }).click();
  await expectSearch(page, '?due=upcoming');
  await expectTaskTitles(page, ['Tomorrow’s run', 'Next week’s report']);

  await views.getByRole('link', { name: 'Overdue' }).click();
  await expectSearch(page, '?due=overdue');
  await expectTaskTitles(page, ['Yesterday’s call']);
  // Done is not overdue.
  await taskItem(page, 'Yesterday’s call').getByRole('checkbox').click();
  await expect(page.getByText('Nothing is overdue.')).toBeVisible();

  await page.reload();
  await expect(views.getByRole('link', { name: 'Overdue' })).toHaveAttribute('aria-current', 'page');
  await views.getByRole('link', { name: 'All' }).click();
  await expectSearch(page, '');
  await expect(page.getByRole('list', { name: 'Task list' }).getByRole('listitem')).toHaveCount(5);
});

test('a reminder a minute ahead: with the server’s reminder clock moved on, the mail is in the mailbox', async ({
  page,
}) => {
  const account = newAccount('reminder');
  await signUp(page, account);
  await useDeviceTimeZone(page);

  const form = await openQuickAddOptions(page, 'Call the plumber');
  await form.getByLabel('Due').fill(await localInput(page, { days: 1, time: '10:00' }));
  await form.getByLabel('Remind me').selectOption('at');
  // The picker takes whole minutes: this is one to two minutes from now.
  await form.getByLabel('Remind at').fill(await localInput(page, { minutes: 2 }));
  const created = page.waitForResponse(
    (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/tasks',
  );
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  const task = (await (await created).json()) as { remindAt: string | null; reminderSentAt: string | null };
  expect(task.reminderSentAt).toBeNull();
  const ahead = Date.parse(task.remindAt!) - Date.now();
  expect(ahead).toBeGreaterThan(50_000);
  expect(ahead).toBeLessThan(121_000);
  await expect(taskItem(page, 'Call the plumber')).toContainText('Reminder');

  try {
    // Three minutes on, for the sweep only: the reminder is due, and a little late.
    await writeFile(REMINDER_CLOCK_FILE, '180000');
    await page.goto(MAILBOX);
    const mail = page
      .getByRole('article')
      .filter({ hasText: account.email })
      .filter({ has: page.getByRole('heading', { name: 'Reminder: Call the plumber' }) });
    await expect(async () => {
      await page.reload();
      await expect(mail).toHaveCount(1, { timeout: 500 });
    }).toPass({ timeout: 20_000 });
    await expect(mail).toContainText('Open your tasks');
  } finally {
    await rm(REMINDER_CLOCK_FILE, { force: true });
  }
});
