import { lazy, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { tokens } from '../lib/auth-client';
import { setSessionExpiredHandler } from '../lib/session-expiry';
import { Layout } from './layout';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';

// Each page but sign-in loads with its first visit: the sign-in page ships only what it needs.
const SignupRoute = lazy(() => import('./routes/signup').then((module) => ({ default: module.SignupRoute })));
const TasksRoute = lazy(() => import('./routes/tasks').then((module) => ({ default: module.TasksRoute })));
const AccountRoute = lazy(() => import('./routes/account').then((module) => ({ default: module.AccountRoute })));
const AccountProfileRoute = lazy(() =>
  import('./routes/account-profile').then((module) => ({ default: module.AccountProfileRoute })),
);
const AccountSecurityRoute = lazy(() =>
  import('./routes/account-security').then((module) => ({ default: module.AccountSecurityRoute })),
);
const AccountPasskeysRoute = lazy(() =>
  import('./routes/account-passkeys').then((module) => ({ default: module.AccountPasskeysRoute })),
);
const AccountActivityRoute = lazy(() =>
  import('./routes/account-activity').then((module) => ({ default: module.AccountActivityRoute })),
);
const AccountTokensRoute = lazy(() =>
  import('./routes/account-tokens').then((module) => ({ default: module.AccountTokensRoute })),
);
const AccountWebhooksRoute = lazy(() =>
  import('./routes/account-webhooks').then((module) => ({ default: module.AccountWebhooksRoute })),
);
const AccountAppsRoute = lazy(() =>
  import('./routes/account-apps').then((module) => ({ default: module.AccountAppsRoute })),
);
const AccountDeveloperRoute = lazy(() =>
  import('./routes/account-developer').then((module) => ({ default: module.AccountDeveloperRoute })),
);
const ConsentRoute = lazy(() => import('./routes/consent').then((module) => ({ default: module.ConsentRoute })));
const DeviceRoute = lazy(() => import('./routes/device').then((module) => ({ default: module.DeviceRoute })));
const OAuthErrorRoute = lazy(() =>
  import('./routes/oauth-error').then((module) => ({ default: module.OAuthErrorRoute })),
);
const AccountDataRoute = lazy(() =>
  import('./routes/account-data').then((module) => ({ default: module.AccountDataRoute })),
);
const ForgotPasswordRoute = lazy(() =>
  import('./routes/forgot-password').then((module) => ({ default: module.ForgotPasswordRoute })),
);
const ResetPasswordRoute = lazy(() =>
  import('./routes/reset-password').then((module) => ({ default: module.ResetPasswordRoute })),
);
const EmailVerifiedRoute = lazy(() =>
  import('./routes/email-verified').then((module) => ({ default: module.EmailVerifiedRoute })),
);

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
          <Route path="account" element={<AccountRoute />}>
            <Route index element={<AccountProfileRoute />} />
            <Route path="security" element={<AccountSecurityRoute />} />
            <Route path="passkeys" element={<AccountPasskeysRoute />} />
            <Route path="activity" element={<AccountActivityRoute />} />
            <Route path="tokens" element={<AccountTokensRoute />} />
            <Route path="webhooks" element={<AccountWebhooksRoute />} />
            <Route path="apps" element={<AccountAppsRoute />} />
            <Route path="developer" element={<AccountDeveloperRoute />} />
            <Route path="data" element={<AccountDataRoute />} />
          </Route>
          <Route path="consent" element={<ConsentRoute />} />
          <Route path="device" element={<DeviceRoute />} />
          <Route path="oauth-error" element={<OAuthErrorRoute />} />
          <Route path="forgot-password" element={<ForgotPasswordRoute />} />
          <Route path="reset-password" element={<ResetPasswordRoute />} />
          <Route path="email-verified" element={<EmailVerifiedRoute />} />
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Routes>
    </>
  );
}
