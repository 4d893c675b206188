import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { StatusMessage } from '../../../components/status-message';
import { authClient } from '../../../lib/auth-client';

/**
 * "This wasn't me": after a confirmation, every other session is signed out (Better Auth's
 * revoke-other-sessions) and the person is taken to change the password. This session is kept on
 * purpose: changing the password needs it, and it is the one the person trusts.
 */
export function NotMe() {
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);

  const signOutOthers = async () => {
    setBusy(true);
    setError(undefined);
    const { error: failure } = await authClient.revokeOtherSessions();
    setBusy(false);
    if (failure) return setError('Could not sign out the other sessions. Try again.');
    await navigate('/account/security#password-heading', { state: { signedOutOthers: true } });
  };

  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        This wasn’t me
      </button>
    );
  }
  return (
    <section aria-labelledby="not-me-heading" className="not-me">
      <h2 id="not-me-heading" tabIndex={-1} ref={heading}>
        Secure your account
      </h2>
      <p>
        Every other device and browser signed in to your account will be signed out. Then change your password, so
        whoever used it cannot sign in again.
      </p>
      <button type="button" className="danger" disabled={busy} onClick={() => void signOutOthers()}>
        {busy ? 'Signing out…' : 'Sign out everywhere else and change my password'}
      </button>{' '}
      <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <StatusMessage kind="alert">{error}</StatusMessage>
    </section>
  );
}
