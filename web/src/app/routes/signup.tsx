import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { SignUpForm } from '../../features/auth/components/sign-up-form';
import { authClient } from '../../lib/auth-client';
import { forgetUserData } from '../../lib/user-data';

export function SignupRoute() {
  const navigate = useNavigate();
  const { refetch } = authClient.useSession();
  return (
    <div className="narrow">
      <PageTitle>Create your account</PageTitle>
      <SignUpForm
        onSignedUp={async () => {
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
