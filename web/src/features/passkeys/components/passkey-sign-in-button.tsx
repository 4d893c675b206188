import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { signInWithPasskey } from '../api/passkeys-api';

/** Signs in with a passkey the browser offers: no email, no password. */
export function PasskeySignInButton({ onSignedIn }: { onSignedIn: () => void | Promise<void> }) {
  const [outcome, setOutcome] = useState<{ kind: 'status' | 'alert'; text: string }>();
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    setOutcome(undefined);
    setBusy(true);
    const result = await signInWithPasskey();
    setBusy(false);
    if (result.ok) return onSignedIn();
    setOutcome(
      result.cancelled
        ? { kind: 'status', text: 'Passkey sign-in cancelled. Try again, or sign in with your password.' }
        : { kind: 'alert', text: 'That passkey did not sign you in. Try another, or sign in with your password.' },
    );
  };

  return (
    <section className="passkey-sign-in" aria-labelledby="passkey-sign-in-heading">
      <h2 id="passkey-sign-in-heading">Sign in with a passkey</h2>
      <p className="hint">No email or password: your device checks it is you.</p>
      {/* Not "Sign in …": the password form's button keeps that name to itself. */}
      <button type="button" className="secondary" disabled={busy} onClick={() => void signIn()}>
        Use a passkey
      </button>
      <StatusMessage kind={outcome?.kind}>{outcome?.text}</StatusMessage>
    </section>
  );
}
