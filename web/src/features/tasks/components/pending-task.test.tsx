import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTasksApi } from '../../../testing/fake-tasks-api';
import { TaskBoard } from './task-board';

vi.mock('../../../lib/auth-client', () => ({
  tokens: { getToken: async () => 'jwt', refresh: async () => 'jwt', clear: () => undefined },
}));

let server: ReturnType<typeof fakeTasksApi>;
beforeEach(() => {
  server = fakeTasksApi();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => vi.unstubAllGlobals());

async function renderBoard() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/tasks']}>
        <TaskBoard onForbidden={() => <p>not yours</p>} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  await screen.findByText('No tasks yet. Add your first one above.');
}

/** Adds a task while the server holds its creation back: the board shows it before any answer. */
async function addWhileServerWaits(title: string) {
  server.holdCreations();
  await userEvent.type(screen.getByLabelText('New task title'), title);
  await userEvent.click(screen.getByRole('button', { name: 'Add' }));
  await waitFor(() => expect(server.heldCreations()).toBe(1));
  return screen.getByRole('checkbox', { name: title });
}

const listFetches = () => server.requests.filter((r) => r.method === 'GET').length;
/** Every request the board sent, as one text: no id of the browser's own making may be in it. */
const everythingSent = () => server.requests.map((r) => `${r.method} ${r.path}${r.search} ${r.body}`).join('\n');

describe('a task the server has not created yet', () => {
  it('can be ticked at once; the tick reaches the API with the server’s id, never an optimistic one', async () => {
    await renderBoard();
    const checkbox = await addWhileServerWaits('Tick me early');
    expect(checkbox).toBeEnabled();
    await userEvent.click(checkbox);
    expect(checkbox).toBeChecked();
    expect(server.requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    server.releaseCreations();
    await waitFor(() => expect(server.tasks[0]?.completed).toBe(true));
    const [created] = server.tasks;
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
      `/api/tasks/${created.id}/complete`,
    ]);
    await waitFor(() =>
      expect(screen.getByRole('checkbox', { name: 'Tick me early' })).toHaveAttribute('id', `done-${created.id}`),
    );
    expect(screen.getByRole('checkbox', { name: 'Tick me early' })).toBeChecked();
    expect(everythingSent()).not.toMatch(/optimistic/);
  });

  it('keeps its element, and the focus in it, when the server’s task takes its place', async () => {
    await renderBoard();
    const checkbox = await addWhileServerWaits('Keep my focus');
    checkbox.focus();
    expect(checkbox).toHaveFocus();
    const fetchesBefore = listFetches();

    server.releaseCreations();
    const [created] = await waitFor(() => {
      expect(server.tasks).toHaveLength(1);
      return server.tasks;
    });
    // The lists were fetched again and the server's task is on screen, in the same element.
    await waitFor(() => expect(listFetches()).toBeGreaterThan(fetchesBefore));
    await waitFor(() => expect(checkbox).toHaveAttribute('id', `done-${created.id}`));
    expect(screen.getByRole('checkbox', { name: 'Keep my focus' })).toBe(checkbox);
    expect(checkbox).toBeInTheDocument();
    expect(checkbox).toHaveFocus();

    await userEvent.keyboard(' ');
    await waitFor(() => expect(server.tasks[0].completed).toBe(true));
    expect(everythingSent()).not.toMatch(/optimistic/);
  });

  it('can be edited, then deleted, before the server answers: both wait for its id, in order', async () => {
    await renderBoard();
    await addWhileServerWaits('Draft title');
    await userEvent.click(screen.getByRole('button', { name: 'Edit Draft title' }));
    const title = screen.getByLabelText('Title');
    await userEvent.clear(title);
    await userEvent.type(title, 'Better title');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('checkbox', { name: 'Better title' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete Better title' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm delete' }));
    expect(screen.queryByText('Better title')).not.toBeInTheDocument();
    expect(server.requests.filter((r) => r.method !== 'GET' && r.method !== 'POST')).toEqual([]);

    server.releaseCreations();
    await waitFor(() => expect(server.createdIds).toHaveLength(1));
    const [createdId] = server.createdIds;
    await waitFor(() => expect(server.tasks).toEqual([]));
    expect(
      server.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE').map((r) => [r.method, r.path]),
    ).toEqual([
      ['PATCH', `/api/tasks/${createdId}`],
      ['DELETE', `/api/tasks/${createdId}`],
    ]);
    await waitFor(() => expect(screen.getByText('No tasks yet. Add your first one above.')).toBeInTheDocument());
    expect(everythingSent()).not.toMatch(/optimistic/);
  });

  it('when its creation is refused, the actions taken on it are dropped without a request', async () => {
    await renderBoard();
    await addWhileServerWaits('Doomed');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Doomed' }));
    server.refuseCreations();
    server.releaseCreations();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The request is not valid.');
    await waitFor(() => expect(screen.queryByText('Doomed')).not.toBeInTheDocument());
    expect(within(document.body).getAllByRole('alert')).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(everythingSent()).not.toMatch(/optimistic/);
  });
});
