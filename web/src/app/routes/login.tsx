import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { safeReturnTo } from '../../features/auth/return-to';
import { isOAuthRequest } from '../../features/oauth/oauth-request';
import { PasskeySignInButton } from '../../features/passkeys/components/passkey-sign-in-button';
import { redirectTarget } from '../../features/oauth/redirect-target';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';

export function LoginRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refetch } = authClient.useSession();
  const expired = params.has('returnTo');
  // The authorization server sent the user here with its signed query: an app is waiting.
  const forApp = isOAuthRequest(`?${params.toString()}`);
  return (
    <div className="narrow">
      <PageTitle>Sign in</PageTitle>
      {forApp && <p className="message">Sign in to Taskvault to continue to the app that sent you here.</p>}
      {expired && <p className="message">Please sign in to continue.</p>}
      {params.has('reset') && <p className="message">Your password was changed. Sign in with the new one.</p>}
      {params.has('deleted') && <p className="message">Your account was deleted.</p>}
      <SignInForm
        onSignedIn={async (result) => {
          forgetUserData();
          // The authorization flow goes on where the server says: the consent page, or the app.
          if (forApp && result.redirect && result.url) return window.location.assign(redirectTarget(result.url));
          // The session store must know about the new session before a protected page asks it.
          await refetch();
          await navigate(safeReturnTo(params.get('returnTo')), { replace: true });
        }}
      />
      {!forApp && (
        <PasskeySignInButton
          onSignedIn={async () => {
            forgetUserData();
            await refetch();
            await navigate(safeReturnTo(params.get('returnTo')), { replace: true });
          }}
        />
      )}
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={forApp ? `/signup?${params.toString()}` : '/signup'}>Create an account</Link>
      </p>
    </div>
  );
}
