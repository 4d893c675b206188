import { render, screen } from '@testing-library/react';
import { Suspense, lazy } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageErrorBoundary } from './page-error-boundary';

afterEach(() => vi.restoreAllMocks());

const Unloadable = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));

function page(resetKey: string, content: React.ReactNode) {
  return (
    <PageErrorBoundary resetKey={resetKey}>
      <Suspense fallback={<p role="status">Loading…</p>}>{content}</Suspense>
    </PageErrorBoundary>
  );
}

describe('PageErrorBoundary', () => {
  it('says the page could not be loaded, and offers a reload, when its code fails to load', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(page('/tasks', <Unloadable />));
    expect(await screen.findByRole('alert')).toHaveTextContent('This page could not be loaded.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
  });

  it('shows the next page again once the address changes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const view = render(page('/tasks', <Unloadable />));
    await screen.findByRole('alert');
    view.rerender(page('/account', <p>Your account</p>));
    expect(screen.getByText('Your account')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
