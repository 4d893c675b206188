import { NavLink, Outlet, useNavigate } from 'react-router';
import { authClient, tokens } from '../lib/auth-client';

export function Layout() {
  const { data: session } = authClient.useSession();
  const navigate = useNavigate();
  const signOut = async () => {
    await authClient.signOut();
    tokens.clear();
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
        <Outlet />
      </main>
    </>
  );
}
