import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';
import { TaskBoard } from '../features/tasks/components/task-board';
import { fakeTasksApi } from './fake-tasks-api';

/**
 * A fresh in-memory tasks API as `fetch` for each test of the file; read `.current` inside a test.
 * (The test file still mocks lib/auth-client itself: vi.mock is hoisted per file.)
 */
export function withFakeTasksServer() {
  const server = { current: fakeTasksApi() };
  beforeEach(() => {
    server.current = fakeTasksApi();
    vi.stubGlobal('fetch', server.current.fetch);
  });
  afterEach(() => vi.unstubAllGlobals());
  return server;
}

/** The signed-in user's board at `url`, with a query client of its own. */
export function renderBoard(url = '/tasks') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <TaskBoard onForbidden={() => <p>not yours</p>} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
