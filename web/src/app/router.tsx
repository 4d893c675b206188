import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setSessionExpiredHandler } from '../lib/api-client';
import { tokens } from '../lib/auth-client';
import { Layout } from './layout';
import { AccountRoute } from './routes/account';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { SignupRoute } from './routes/signup';
import { TasksRoute } from './routes/tasks';

/** When the API can no longer get a JWT, the session is over: sign in, then come back here. */
function SessionExpiry() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    setSessionExpiredHandler(() => {
      tokens.clear();
      // Late requests of the page just left must not send the user away from sign-in itself.
      if (location.pathname === '/login' || location.pathname === '/signup') return;
      const returnTo = `${location.pathname}${location.search}`;
      void navigate(`/login?returnTo=${encodeURIComponent(returnTo)}`, { replace: true });
    });
  }, [navigate, location]);
  return null;
}

export function AppRoutes() {
  return (
    <>
      <SessionExpiry />
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to="/tasks" replace />} />
          <Route path="login" element={<LoginRoute />} />
          <Route path="signup" element={<SignupRoute />} />
          <Route path="tasks" element={<TasksRoute />} />
          <Route path="users/:userId/tasks" element={<TasksRoute />} />
          <Route path="account" element={<AccountRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </>
  );
}
