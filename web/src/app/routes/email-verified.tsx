import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { StatusMessage } from '../../components/status-message';
import { authClient } from '../../lib/auth-client';
import { takeTokenFromFragment } from '../../lib/mailed-token';

type Outcome = 'checking' | 'confirmed' | 'failed';

/**
 * Where the mailed confirmation link lands, with its token in the fragment (`#token=…`, which no
 * server receives). The page sends it to Better Auth in the Verification-Token header; Better
 * Auth then signs this browser in.
 */
export function EmailVerifiedRoute() {
  const [token] = useState(takeTokenFromFragment);
  const [outcome, setOutcome] = useState<Outcome>(token ? 'checking' : 'failed');
  const { refetch } = authClient.useSession();
  const started = useRef(false);
  useEffect(() => {
    // Once: a token is single-use, and StrictMode mounts effects twice in development.
    if (!token || started.current) return;
    started.current = true;
    void authClient
      .$fetch('/verify-email', { method: 'GET', headers: { 'Verification-Token': token } })
      .then(async ({ error }) => {
        setOutcome(error ? 'failed' : 'confirmed');
        if (!error) await refetch();
      });
  }, [token, refetch]);
  const failed = outcome === 'failed';
  return (
    <div className="narrow">
      <PageTitle>
        {outcome === 'checking' ? 'Confirming…' : failed ? 'This link did not work' : 'Email address confirmed'}
      </PageTitle>
      {outcome === 'checking' ? (
        <StatusMessage>Confirming your email address…</StatusMessage>
      ) : failed ? (
        <StatusMessage kind="alert">
          The confirmation link has expired or was already used. Sign in to get a new one.
        </StatusMessage>
      ) : (
        <StatusMessage>Thank you: your email address is confirmed.</StatusMessage>
      )}
      {outcome !== 'checking' && (
        <p>
          <Link to={failed ? '/login' : '/tasks'}>{failed ? 'Sign in' : 'Go to your tasks'}</Link>
        </p>
      )}
    </div>
  );
}
