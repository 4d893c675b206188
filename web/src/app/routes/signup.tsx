import { Link, useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { SignUpForm } from '../../features/auth/components/sign-up-form';
import { tokens } from '../../lib/auth-client';

export function SignupRoute() {
  const navigate = useNavigate();
  return (
    <div className="narrow">
      <PageTitle>Create your account</PageTitle>
      <SignUpForm
        onSignedUp={() => {
          tokens.clear();
          void navigate('/tasks', { replace: true });
        }}
      />
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </div>
  );
}
