import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderBoard, withFakeTasksServer } from '../../../testing/board-harness';
import { buildTask } from '../../../testing/task-builder';
import type { Task } from '../api/types';

vi.mock('../../../lib/auth-client', () => ({
  tokens: { getToken: async () => 'jwt', refresh: async () => 'jwt', clear: () => undefined },
}));

const fake = withFakeTasksServer();

/** Opens the editor of a task the server already has. */
async function editTask(patch: Partial<Task>) {
  const task = buildTask({ title: 'Plan the week', dueAt: '2026-12-07T09:00:00.000Z', ...patch });
  fake.current.tasks.push(task);
  renderBoard();
  await userEvent.click(await screen.findByRole('button', { name: 'Edit Plan the week' }));
  return screen.getByRole('form', { name: 'Edit Plan the week' });
}

const sentChanges = async () => {
  await waitFor(() => expect(fake.current.requests.some((r) => r.method === 'PATCH')).toBe(true));
  return JSON.parse(fake.current.requests.find((r) => r.method === 'PATCH')!.body) as Record<string, unknown>;
};

describe('the task editor’s recurrence and reminder', () => {
  it('leaves an unchanged reminder out of the changes, so an edit never re-arms it', async () => {
    const form = await editTask({ remindMinutesBefore: 30, remindAt: '2026-12-07T08:30:00.000Z' });
    expect(within(form).getByLabelText('Remind me')).toHaveValue('before');
    expect(within(form).getByLabelText('How long before')).toHaveValue(30);
    await userEvent.type(within(form).getByLabelText('Title'), '!');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const changes = await sentChanges();
    expect(changes).toMatchObject({ title: 'Plan the week!', recurrence: null });
    expect(changes).not.toHaveProperty('remindAt');
    expect(changes).not.toHaveProperty('remindMinutesBefore');
  });

  it('sends a changed reminder as the one field it is, and a new rule', async () => {
    const form = await editTask({ remindMinutesBefore: 30, remindAt: '2026-12-07T08:30:00.000Z' });
    await userEvent.selectOptions(within(form).getByLabelText('Remind me'), 'atDue');
    await userEvent.selectOptions(within(form).getByLabelText('Repeats'), 'monthly');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const changes = await sentChanges();
    expect(changes).toMatchObject({ remindMinutesBefore: 0, recurrence: 'FREQ=MONTHLY' });
    expect(changes).not.toHaveProperty('remindAt');
  });

  it('keeps a rule the choices cannot say, shown in words, unless another is chosen', async () => {
    const form = await editTask({ recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1,15' });
    expect(within(form).getByLabelText('Repeats')).toHaveDisplayValue('Every month on day 1 and day 15');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await sentChanges()).not.toHaveProperty('recurrence');
  });

  it('stops a series when "Does not repeat" is chosen', async () => {
    const form = await editTask({ recurrence: 'FREQ=WEEKLY;BYDAY=MO' });
    expect(within(form).getByLabelText('Repeats')).toHaveValue('weekly');
    expect(within(form).getByRole('checkbox', { name: 'Monday' })).toBeChecked();
    await userEvent.selectOptions(within(form).getByLabelText('Repeats'), 'none');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await sentChanges()).toMatchObject({ recurrence: null });
  });
});
