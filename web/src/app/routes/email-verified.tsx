import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { StatusMessage } from '../../components/status-message';

/** Where the mailed confirmation link lands: Better Auth adds `?error=…` when the link was not good. */
export function EmailVerifiedRoute() {
  const [params] = useSearchParams();
  const failed = params.has('error');
  return (
    <div className="narrow">
      <PageTitle>{failed ? 'This link did not work' : 'Email address confirmed'}</PageTitle>
      {failed ? (
        <StatusMessage kind="alert">
          The confirmation link has expired or was already used. Sign in to get a new one.
        </StatusMessage>
      ) : (
        <StatusMessage>Thank you: your email address is confirmed.</StatusMessage>
      )}
      <p>
        <Link to={failed ? '/login' : '/tasks'}>{failed ? 'Sign in' : 'Go to your tasks'}</Link>
      </p>
    </div>
  );
}
