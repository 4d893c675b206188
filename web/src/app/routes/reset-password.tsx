import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { StatusMessage } from '../../components/status-message';
import { ResetPasswordForm } from '../../features/account-recovery/components/reset-password-form';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';

/** Where the mailed reset link lands: `?token=…`, or `?error=INVALID_TOKEN` for a used or expired link. */
export function ResetPasswordRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { refetch } = authClient.useSession();
  const token = params.get('token');
  return (
    <div className="narrow">
      <PageTitle>Choose a new password</PageTitle>
      {token && !params.has('error') ? (
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
