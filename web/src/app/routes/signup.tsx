import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { StatusMessage } from '../../components/status-message';
import { PageTitle } from '../../components/page-title';
import { SignUpForm } from '../../features/auth/components/sign-up-form';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';

export function SignupRoute() {
  const navigate = useNavigate();
  const { refetch } = authClient.useSession();
  const [confirm, setConfirm] = useState(false);
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
        onSignedUp={async (signedIn) => {
          if (!signedIn) return setConfirm(true);
          forgetUserData();
          await refetch();
          await navigate('/tasks', { replace: true });
        }}
      />
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
