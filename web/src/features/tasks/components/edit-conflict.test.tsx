import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderBoard, withFakeTasksServer } from '../../../testing/board-harness';
import { buildTask } from '../../../testing/task-builder';

vi.mock('../../../lib/auth-client', () => ({
  tokens: { getToken: async () => 'jwt', refresh: async () => 'jwt', clear: () => undefined },
}));

const fake = withFakeTasksServer();

/** A task on the server, the board loaded showing it. */
async function boardWith(title = 'Plan the week') {
  const task = buildTask({ title, etag: '"5"' });
  fake.current.tasks.push(task);
  renderBoard();
  await screen.findByRole('checkbox', { name: title });
  return task;
}

async function editTitle(from: string, to: string) {
  await userEvent.click(screen.getByRole('button', { name: `Edit ${from}` }));
  const form = screen.getByRole('form', { name: `Edit ${from}` });
  await userEvent.clear(within(form).getByLabelText('Title'));
  await userEvent.type(within(form).getByLabelText('Title'), to);
  await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
}

const writes = () =>
  fake.current.requests.filter((request) => request.method === 'PATCH' || request.method === 'DELETE');
const conflictPanel = () => screen.findByRole('alertdialog', { name: 'This task was changed elsewhere' });

describe('the board sends If-Match with the tag it last saw', () => {
  it('on save, on the complete toggle and on delete, each with the tag the previous answer gave', async () => {
    const task = await boardWith();
    await editTitle('Plan the week', 'Plan the month');
    await waitFor(() => expect(fake.current.tasks[0].title).toBe('Plan the month'));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Plan the month' }));
    await waitFor(() => expect(fake.current.tasks[0].completed).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Delete Plan the month' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => expect(fake.current.tasks).toHaveLength(0));
    expect(writes().map((request) => [request.method, request.path, request.ifMatch])).toEqual([
      ['PATCH', `/api/tasks/${task.id}`, '"5"'],
      ['PATCH', `/api/tasks/${task.id}/complete`, '"6"'],
      ['DELETE', `/api/tasks/${task.id}`, '"7"'],
    ]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('a second change sends the tag the first one was answered with, not the one the list showed', async () => {
    const task = await boardWith();
    await userEvent.click(screen.getByRole('checkbox', { name: 'Plan the week' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Plan the week' }));
    await waitFor(() => expect(writes()).toHaveLength(2));
    await waitFor(() => expect(fake.current.tasks[0].etag).toBe('"7"'));
    expect(writes().map((request) => request.ifMatch)).toEqual(['"5"', '"6"']);
    expect(fake.current.tasks[0]).toMatchObject({ id: task.id, completed: false });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});

describe('a change over a version saved elsewhere', () => {
  it('shows the newer version next to the edit, focuses the safe choice, and Keep mine resends over it', async () => {
    const task = await boardWith();
    fake.current.changeElsewhere(task.id, { title: 'Plan the week (theirs)', priority: 'high' });
    await editTitle('Plan the week', 'Plan the week (mine)');

    const panel = await conflictPanel();
    expect(within(panel).getByRole('row', { name: /Title/ })).toHaveTextContent(
      'TitlePlan the week (mine)Plan the week (theirs)',
    );
    expect(within(panel).getByRole('button', { name: 'Take theirs' })).toHaveFocus();
    // Nothing was overwritten: the server still has theirs.
    expect(fake.current.tasks[0].title).toBe('Plan the week (theirs)');

    await userEvent.click(within(panel).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(fake.current.tasks[0].title).toBe('Plan the week (mine)'));
    expect(writes().map((request) => request.ifMatch)).toEqual(['"5"', '"6"']);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await screen.findByRole('checkbox', { name: 'Plan the week (mine)' })).toBeVisible();
  });

  it('an editor opened before the board fetched a newer version still asks, on save, instead of overwriting it', async () => {
    const task = await boardWith();
    await userEvent.click(screen.getByRole('button', { name: 'Edit Plan the week' }));
    fake.current.changeElsewhere(task.id, { description: 'theirs' });
    // Adding a task makes the board fetch its lists again: it now holds the newer version's tag.
    await userEvent.type(screen.getByLabelText('New task title'), 'Another{Enter}');
    await waitFor(() => expect(fake.current.requests.filter((request) => request.method === 'GET')).toHaveLength(2));
    const form = screen.getByRole('form', { name: 'Edit Plan the week' });
    await userEvent.type(within(form).getByLabelText('Description'), 'mine');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const panel = await conflictPanel();
    expect(within(panel).getByRole('row', { name: /Description/ })).toHaveTextContent('Descriptionminetheirs');
    expect(writes().map((request) => request.ifMatch)).toEqual(['"5"']);
    expect(fake.current.tasks.find((candidate) => candidate.id === task.id)?.description).toBe('theirs');
  });

  it('Take theirs drops the edit: nothing more is sent and the board shows the newer version', async () => {
    const task = await boardWith();
    fake.current.changeElsewhere(task.id, { title: 'Theirs' });
    await editTitle('Plan the week', 'Mine');
    const panel = await conflictPanel();
    await userEvent.click(within(panel).getByRole('button', { name: 'Take theirs' }));
    expect(await screen.findByRole('checkbox', { name: 'Theirs' })).toBeVisible();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit Theirs' })).toHaveFocus();
    expect(writes()).toHaveLength(1);
    expect(fake.current.tasks[0].title).toBe('Theirs');
  });

  it('Escape takes theirs too', async () => {
    const task = await boardWith();
    fake.current.changeElsewhere(task.id, { title: 'Theirs' });
    await editTitle('Plan the week', 'Mine');
    await conflictPanel();
    await userEvent.keyboard('{Escape}');
    expect(await screen.findByRole('checkbox', { name: 'Theirs' })).toBeVisible();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(writes()).toHaveLength(1);
  });

  it('a complete toggle over a newer version asks too, and Keep mine completes it', async () => {
    const task = await boardWith();
    fake.current.changeElsewhere(task.id, { description: 'edited elsewhere' });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Plan the week' }));
    const panel = await conflictPanel();
    expect(within(panel).getByRole('row', { name: /Status/ })).toHaveTextContent('StatusDoneNot done');
    expect(fake.current.tasks[0].completed).toBe(false);
    await userEvent.click(within(panel).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(fake.current.tasks[0].completed).toBe(true));
    expect(fake.current.tasks[0].description).toBe('edited elsewhere');
  });

  /** The task is renamed elsewhere, then deleted on the board: the conflict panel it answers with. */
  async function deleteOverNewerVersion() {
    const task = await boardWith();
    fake.current.changeElsewhere(task.id, { title: 'Still needed' });
    await userEvent.click(screen.getByRole('button', { name: 'Delete Plan the week' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    return conflictPanel();
  }

  it('a delete over a newer version brings the task back with the choice; Take theirs keeps it', async () => {
    const panel = await deleteOverNewerVersion();
    expect(within(panel).getByRole('row', { name: /Task/ })).toHaveTextContent('TaskDeletedStill needed');
    await userEvent.click(within(panel).getByRole('button', { name: 'Take theirs' }));
    expect(await screen.findByRole('checkbox', { name: 'Still needed' })).toBeVisible();
    expect(fake.current.tasks).toHaveLength(1);
  });

  it('a delete over a newer version, Keep mine: deleted with the newer tag', async () => {
    const panel = await deleteOverNewerVersion();
    await userEvent.click(within(panel).getByRole('button', { name: 'Keep mine' }));
    await waitFor(() => expect(fake.current.tasks).toHaveLength(0));
    expect(writes().map((request) => request.ifMatch)).toEqual(['"5"', '"6"']);
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Still needed' })).toBeNull());
  });
});
