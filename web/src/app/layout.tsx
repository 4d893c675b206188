import { Suspense } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { PageErrorBoundary } from '../components/page-error-boundary';
import { authClient } from '../lib/auth-client';
import { forgetUserData } from '../lib/user-data';

export function Layout() {
  const { data: session } = authClient.useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const signOut = async () => {
    await authClient.signOut();
    forgetUserData();
    await navigate('/login');
  };
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/" className="brand">
          Taskvault
        </NavLink>
        <nav aria-label="Main">
          {session ? (
            <>
              <NavLink to="/tasks">Tasks</NavLink>
              <NavLink to="/account">Account</NavLink>
              <button type="button" className="link-button" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">Sign in</NavLink>
              <NavLink to="/signup">Sign up</NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main">
        <PageErrorBoundary resetKey={pathname}>
          {/* Shown while a page's code loads for the first time; later visits show the page at once. */}
          <Suspense
            fallback={
              <p role="status" className="loading">
                Loading…
              </p>
            }
          >
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </>
  );
}
