import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { forgetUserData } from '../lib/user-data';
import { QueryProvider } from './query-provider';

const clearTokens = vi.fn();
vi.mock('../lib/auth-client', () => ({ tokens: { clear: () => clearTokens() } }));

describe('the signed-in pages’ query cache', () => {
  it('is forgotten, with the JWT, when the signed-in user changes', () => {
    let client!: QueryClient;
    function Probe() {
      client = useQueryClient();
      return null;
    }
    render(
      <QueryProvider>
        <Probe />
      </QueryProvider>,
    );
    client.setQueryData(['tasks', 'me'], { items: [{ title: 'Someone else’s task' }] });

    forgetUserData();

    expect(client.getQueryData(['tasks', 'me'])).toBeUndefined();
    expect(clearTokens).toHaveBeenCalledTimes(1);
  });

  it('is one cache for every signed-in page, kept from one page to the next', () => {
    const clients: QueryClient[] = [];
    function Probe() {
      clients.push(useQueryClient());
      return null;
    }
    const first = render(
      <QueryProvider>
        <Probe />
      </QueryProvider>,
    );
    clients[0].setQueryData(['sessions'], ['kept']);
    first.unmount();
    render(
      <QueryProvider>
        <Probe />
      </QueryProvider>,
    );
    expect(clients[clients.length - 1]).toBe(clients[0]);
    expect(clients[0].getQueryData(['sessions'])).toEqual(['kept']);
  });
});
