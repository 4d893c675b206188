import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderBoard, withFakeTasksServer } from '../../../testing/board-harness';
import { buildTask } from '../../../testing/task-builder';

vi.mock('../../../lib/auth-client', () => ({
  tokens: { getToken: async () => 'jwt', refresh: async () => 'jwt', clear: () => undefined },
}));

const fake = withFakeTasksServer();

async function renderLoadedBoard(url = '/tasks') {
  renderBoard(url);
  await waitFor(() => expect(screen.queryByText('Loading your tasks…')).toBeNull());
}

const created = () =>
  JSON.parse(fake.current.requests.find((r) => r.method === 'POST')?.body ?? '{}') as Record<string, unknown>;

describe('the quick add’s recurrence editor and reminder picker', () => {
  it('sends the weekly rule and the relative reminder built from the plain choices', async () => {
    await renderLoadedBoard();
    const form = screen.getByRole('form', { name: 'Add a task' });
    await userEvent.type(within(form).getByLabelText('New task title'), 'Team sync');
    await userEvent.click(within(form).getByRole('button', { name: 'More options' }));
    await userEvent.type(within(form).getByLabelText('Due'), '2026-12-07T09:00');
    await userEvent.selectOptions(within(form).getByLabelText('Repeats'), 'weekly');
    // The due date's weekday (a Monday) is chosen to start with.
    expect(within(form).getByRole('checkbox', { name: 'Monday' })).toBeChecked();
    await userEvent.click(within(form).getByRole('checkbox', { name: 'Thursday' }));
    await userEvent.selectOptions(within(form).getByLabelText('Ends'), 'after');
    await userEvent.clear(within(form).getByLabelText('Times in all'));
    await userEvent.type(within(form).getByLabelText('Times in all'), '6');
    await userEvent.selectOptions(within(form).getByLabelText('Remind me'), 'before');
    await userEvent.clear(within(form).getByLabelText('How long before'));
    await userEvent.type(within(form).getByLabelText('How long before'), '2');
    await userEvent.selectOptions(within(form).getByLabelText('Unit'), 'hours');
    await userEvent.click(within(form).getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(fake.current.tasks).toHaveLength(1));
    expect(created()).toMatchObject({
      title: 'Team sync',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6',
      remindMinutesBefore: 120,
    });
    expect(created()).not.toHaveProperty('remindAt');
    expect(await screen.findByText('Every Monday and Thursday, 6 times')).toBeVisible();
  });

  it('refuses a repeating task without a due date, and sends nothing', async () => {
    await renderLoadedBoard();
    const form = screen.getByRole('form', { name: 'Add a task' });
    await userEvent.type(within(form).getByLabelText('New task title'), 'No date');
    await userEvent.click(within(form).getByRole('button', { name: 'More options' }));
    await userEvent.selectOptions(within(form).getByLabelText('Repeats'), 'daily');
    await userEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('A repeating task needs a due date.');
    expect(fake.current.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('completing a repeating task', () => {
  it('says when the next one is due and shows it in the list', async () => {
    fake.current.tasks.push(
      buildTask({ title: 'Water the plants', dueAt: '2026-12-02T09:00:00.000Z', recurrence: 'FREQ=WEEKLY;BYDAY=WE' }),
    );
    await renderLoadedBoard();
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Water the plants' }));
    expect(await screen.findByText('Next: Wed 9 Dec')).toHaveAttribute('role', 'status');
    await waitFor(() => expect(screen.getAllByRole('checkbox', { name: 'Water the plants' })).toHaveLength(2));
  });
});

describe('the due views', () => {
  it('ask the API for the view, soonest due first, and mark the view in the navigation', async () => {
    await renderLoadedBoard('/tasks?due=overdue');
    const list = fake.current.requests.find((r) => r.method === 'GET');
    const query = new URLSearchParams(list?.search);
    expect(query.get('due')).toBe('overdue');
    expect(query.get('sort')).toBe('dueAt');
    expect(query.get('order')).toBe('asc');
    const views = screen.getByRole('navigation', { name: 'Views' });
    expect(within(views).getByRole('link', { name: 'Overdue' })).toHaveAttribute('aria-current', 'page');
    expect(within(views).getByRole('link', { name: 'All' })).not.toHaveAttribute('aria-current');
    expect(screen.getByText('Nothing is overdue.')).toBeVisible();
  });
});
