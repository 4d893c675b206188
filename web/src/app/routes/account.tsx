import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { ProtectedRoute } from '../../features/auth/components/protected-route';
import { QueryProvider } from '../query-provider';

/**
 * The Account section: a sub-navigation and the sub-page at its URL. NavLink marks the active link
 * with aria-current="page"; `end` keeps the profile link from matching every sub-page.
 */
export function AccountRoute() {
  return (
    <QueryProvider>
      <ProtectedRoute>
        <div className="account">
          <nav aria-label="Account" className="account-nav">
            <NavLink to="/account" end>
              Profile
            </NavLink>
            <NavLink to="/account/security">Security</NavLink>
            <NavLink to="/account/passkeys">Passkeys</NavLink>
            <NavLink to="/account/activity">Security activity</NavLink>
            <NavLink to="/account/tokens">Access tokens</NavLink>
            <NavLink to="/account/webhooks">Webhooks</NavLink>
            <NavLink to="/account/apps">Connected apps</NavLink>
            <NavLink to="/account/developer">Developer apps</NavLink>
            <NavLink to="/account/data">Your data</NavLink>
          </nav>
          <div className="account-page">
            {/* The sub-navigation stays while a sub-page's code loads for the first time. */}
            <Suspense
              fallback={
                <p role="status" className="loading">
                  Loading…
                </p>
              }
            >
              <Outlet />
            </Suspense>
          </div>
        </div>
      </ProtectedRoute>
    </QueryProvider>
  );
}
