import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { TaskBoard } from './task-board';
import { parseTags } from './quick-add';

const list = vi.fn();
const create = vi.fn();
vi.mock('../api/tasks-api', () => ({
  tasksApi: () => ({ list: (...args: unknown[]) => list(...args), create: (...args: unknown[]) => create(...args) }),
}));

const task = (id: string, title: string) => ({
  id,
  title,
  description: '',
  completed: false,
  priority: 'medium',
  tags: [],
  dueAt: null,
  completedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

function renderBoard() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <TaskBoard onForbidden={() => <p>not yours</p>} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('quick add on the task board', () => {
  it('shows the new task at once, before the server answers', async () => {
    const items = [task('1', 'Existing')];
    list.mockImplementation(async () => ({ items: [...items], nextCursor: null }));
    let finish!: () => void;
    create.mockImplementation(
      () =>
        new Promise(
          (resolve) =>
            (finish = () => {
              items.unshift(task('2', 'Fresh idea'));
              resolve(items[0]);
            }),
        ),
    );
    renderBoard();
    await screen.findByText('Existing');
    await userEvent.type(screen.getByLabelText('New task title'), 'Fresh idea');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Fresh idea')).toBeInTheDocument();
    finish();
    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    expect(screen.getByText('Fresh idea')).toBeInTheDocument();
  });

  it('takes the task back and says why when the server refuses it', async () => {
    list.mockResolvedValue({ items: [task('1', 'Existing')], nextCursor: null });
    create.mockRejectedValue(new ApiError({ status: 400, detail: 'The request is not valid.' }));
    renderBoard();
    await screen.findByText('Existing');
    await userEvent.type(screen.getByLabelText('New task title'), 'Doomed');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The request is not valid.');
    await waitFor(() => expect(screen.queryByText('Doomed')).not.toBeInTheDocument());
  });

  it('shows the "not yours" state on a 403', async () => {
    list.mockRejectedValue(new ApiError({ status: 403, detail: 'This path names another user.' }));
    renderBoard();
    expect(await screen.findByText('not yours')).toBeInTheDocument();
  });

  it('shows the empty state', async () => {
    list.mockResolvedValue({ items: [], nextCursor: null });
    renderBoard();
    expect(await screen.findByText('No tasks yet. Add your first one above.')).toBeInTheDocument();
  });
});

describe('parseTags', () => {
  it('trims, drops empties and duplicates, keeps order', () => {
    expect(parseTags(' work, q3 ,, work,home ')).toEqual(['work', 'q3', 'home']);
  });
});
