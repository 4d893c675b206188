import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation, useNavigate } from 'react-router';
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

/** The address bar and the browser's Back and Forward buttons. */
function Browser() {
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output aria-label="Address">{location.search}</output>
      <button type="button" onClick={() => void navigate(-1)}>
        Back
      </button>
      <button type="button" onClick={() => void navigate(1)}>
        Forward
      </button>
    </>
  );
}

async function openBoard(url = '/tasks') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Browser />
        <TaskBoard onForbidden={() => <p>not yours</p>} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  await screen.findByText(/No tasks (yet|match)/);
}

/** A field of the filter form (the quick add has a Priority of its own). */
const filter = (label: string) => within(screen.getByRole('search', { name: 'Filter tasks' })).getByLabelText(label);
const address = () => screen.getByLabelText('Address').textContent;
const lastListQuery = () => {
  const lists = server.requests.filter((r) => r.method === 'GET');
  return new URLSearchParams(lists[lists.length - 1]?.search);
};
const back = () => userEvent.click(screen.getByRole('button', { name: 'Back' }));

describe('the task board’s filters in the URL', () => {
  it('opens with the filters a shared URL names, and asks the API for them', async () => {
    await openBoard('/tasks?q=milk&status=done&priority=high&tag=home&sort=title&order=asc');
    expect(filter('Search')).toHaveValue('milk');
    expect(filter('Status')).toHaveValue('done');
    expect(filter('Priority')).toHaveValue('high');
    expect(filter('Tag')).toHaveValue('home');
    expect(filter('Sort by')).toHaveValue('title');
    expect(filter('Order')).toHaveValue('asc');
    expect(Object.fromEntries(lastListQuery())).toEqual({
      q: 'milk',
      status: 'done',
      priority: 'high',
      tag: 'home',
      sort: 'title',
      order: 'asc',
      limit: '20',
    });
  });

  it('never sends the API the invalid values a URL may carry: it shows and asks for the defaults', async () => {
    await openBoard(`/tasks?status=evil&priority=urgent&sort=password&order=up&tag=${'x'.repeat(51)}`);
    expect(filter('Status')).toHaveValue('all');
    expect(filter('Priority')).toHaveValue('');
    expect(filter('Sort by')).toHaveValue('createdAt');
    expect(Object.fromEntries(lastListQuery())).toEqual({
      status: 'all',
      sort: 'createdAt',
      order: 'desc',
      limit: '20',
    });
  });

  it('makes each choice a history entry, without the defaults; Back and Forward show each one again', async () => {
    await openBoard();
    await userEvent.selectOptions(filter('Status'), 'done');
    await waitFor(() => expect(address()).toBe('?status=done'));
    await userEvent.selectOptions(filter('Sort by'), 'title');
    await waitFor(() => expect(address()).toBe('?status=done&sort=title'));
    await waitFor(() => expect(lastListQuery().get('sort')).toBe('title'));

    await back();
    await waitFor(() => expect(address()).toBe('?status=done'));
    expect(filter('Sort by')).toHaveValue('createdAt');
    expect(filter('Status')).toHaveValue('done');
    await waitFor(() => expect(lastListQuery().get('sort')).toBe('createdAt'));

    await back();
    await waitFor(() => expect(address()).toBe(''));
    expect(filter('Status')).toHaveValue('all');

    await userEvent.click(screen.getByRole('button', { name: 'Forward' }));
    await waitFor(() => expect(address()).toBe('?status=done'));
    expect(filter('Status')).toHaveValue('done');

    await userEvent.selectOptions(filter('Status'), 'all');
    await waitFor(() => expect(address()).toBe(''));
  });

  it('applies the search once typing pauses, in one history entry however long the typing', async () => {
    await openBoard();
    const search = filter('Search');
    await userEvent.type(search, 'bre');
    await waitFor(() => expect(address()).toBe('?q=bre'));
    await userEvent.type(search, 'ad');
    await waitFor(() => expect(address()).toBe('?q=bread'));
    await waitFor(() => expect(lastListQuery().get('q')).toBe('bread'));
    // One request per pause, not one per key.
    expect(
      server.requests.filter((r) => r.method === 'GET').map((r) => new URLSearchParams(r.search).get('q')),
    ).toEqual([null, 'bre', 'bread']);

    await back();
    await waitFor(() => expect(address()).toBe(''));
    expect(search).toHaveValue('');
  });

  it('keeps typed text that is not applied yet when a choice is made, and a choice after typing is its own entry', async () => {
    await openBoard();
    await userEvent.type(filter('Tag'), 'work');
    await userEvent.selectOptions(filter('Status'), 'open');
    await waitFor(() => expect(address()).toBe('?status=open&tag=work'));
    expect(filter('Tag')).toHaveValue('work');
    await back();
    await waitFor(() => expect(address()).toBe(''));
    expect(filter('Tag')).toHaveValue('');
  });
});
