import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { StatusMessage } from '../../components/status-message';
import { PageTitle } from '../../components/page-title';
import { SignUpForm } from '../../features/auth/components/sign-up-form';
import { isOAuthRequest } from '../../features/oauth/oauth-request';
import { redirectTarget } from '../../features/oauth/redirect-target';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';

export function SignupRoute() {
  const navigate = useNavigate();
  const { refetch } = authClient.useSession();
  const [confirm, setConfirm] = useState(false);
  // Sent on from the sign-in page of an authorization: the signed query comes along.
  const { search } = useLocation();
  const forApp = isOAuthRequest(search);
  const signIn = forApp ? `/login${search}` : '/login';
  if (confirm)
    return (
      <div className="narrow">
        <PageTitle>Check your mailbox</PageTitle>
        <StatusMessage>
          We sent you a link to confirm your email address. Open it to finish creating your account.
        </StatusMessage>
        <p>
          Already confirmed? <Link to="/login">Sign in</Link>
        </p>
      </div>
    );
  return (
    <div className="narrow">
      <PageTitle>Create your account</PageTitle>
      <SignUpForm
        onSignedUp={async (signedIn, next) => {
          if (!signedIn) return setConfirm(true);
          forgetUserData();
          if (forApp && next.redirect && next.url) return window.location.assign(redirectTarget(next.url));
          await refetch();
          await navigate('/tasks', { replace: true });
        }}
      />
      <p>
        Already have an account? <Link to={signIn}>Sign in</Link>
      </p>
    </div>
  );
}
