import { Navigate, useLocation } from 'react-router';
import { authClient } from '../../../lib/auth-client';

/** Renders its children only for a signed-in user; nothing of them while the session is checked. */
export function ProtectedRoute({ children }: { children: React.ReactNode }) {
  const { data: session, isPending } = authClient.useSession();
  const location = useLocation();
  if (isPending) {
    return (
      <p role="status" className="loading">
        Checking your session…
      </p>
    );
  }
  if (!session) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  return <>{children}</>;
}
