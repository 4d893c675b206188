import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { StatusMessage } from '../../components/status-message';
import { ResetPasswordForm } from '../../features/account-recovery/components/reset-password-form';
import { authClient } from '../../lib/auth-client';
import { takeTokenFromFragment } from '../../lib/mailed-token';
import { forgetUserData } from '../../lib/user-data';

/** Where the mailed reset link lands, its token in the fragment (`#token=…`, never sent to a server). */
export function ResetPasswordRoute() {
  // Read once: the fragment is cleared from the address bar at once.
  const [token] = useState(takeTokenFromFragment);
  const navigate = useNavigate();
  const { refetch } = authClient.useSession();
  return (
    <div className="narrow">
      <PageTitle>Choose a new password</PageTitle>
      {token ? (
        <ResetPasswordForm
          token={token}
          onReset={async () => {
            // Every session ended with the reset, this browser's too.
            forgetUserData();
            await refetch();
            await navigate('/login?reset=1', { replace: true });
          }}
        />
      ) : (
        <StatusMessage kind="alert">This reset link has expired or was already used. Ask for a new one.</StatusMessage>
      )}
      <p>
        <Link to="/forgot-password">Ask for a new link</Link>
      </p>
    </div>
  );
}
