import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { ForgotPasswordForm } from '../../features/account-recovery/components/forgot-password-form';

export function ForgotPasswordRoute() {
  return (
    <div className="narrow">
      <PageTitle>Forgot your password?</PageTitle>
      <p>Enter the email address of your account: we will mail you a link to choose a new password.</p>
      <ForgotPasswordForm />
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </div>
  );
}
