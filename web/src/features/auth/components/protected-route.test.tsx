import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProtectedRoute } from './protected-route';

const useSession = vi.fn();
vi.mock('../../../lib/auth-client', () => ({ authClient: { useSession: () => useSession() } }));

function LoginProbe() {
  const location = useLocation();
  return <p>login page {location.search}</p>;
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/login" element={<LoginProbe />} />
        <Route
          path="/tasks"
          element={
            <ProtectedRoute>
              <p>secret task list</p>
            </ProtectedRoute>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

describe('ProtectedRoute', () => {
  beforeEach(() => useSession.mockReset());

  it('shows nothing of the page while the session is being checked', () => {
    useSession.mockReturnValue({ data: null, isPending: true });
    renderAt('/tasks');
    expect(screen.queryByText('secret task list')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Checking your session');
  });

  it('sends a signed-out user to sign in, remembering where they were', () => {
    useSession.mockReturnValue({ data: null, isPending: false });
    renderAt('/tasks?status=open');
    expect(screen.queryByText('secret task list')).not.toBeInTheDocument();
    expect(screen.getByText(/login page/)).toHaveTextContent('?returnTo=%2Ftasks%3Fstatus%3Dopen');
  });

  it('shows the page to a signed-in user', () => {
    useSession.mockReturnValue({ data: { user: { id: 'u' }, session: { id: 's' } }, isPending: false });
    renderAt('/tasks');
    expect(screen.getByText('secret task list')).toBeInTheDocument();
  });
});
