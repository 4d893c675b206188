import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { authClient } from '../../../lib/auth-client';
import { EMAIL_PATTERN } from '../../../lib/validation';
import { attemptAuth } from '../../auth/auth-errors';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!EMAIL_PATTERN.test(email.trim())) return setError('Enter your email address, like name@example.com.');
    setBusy(true);
    const problem = await attemptAuth('request', (options) =>
      authClient.requestPasswordReset(
        { email: email.trim(), redirectTo: `${window.location.origin}/reset-password` },
        options,
      ),
    );
    setBusy(false);
    if (problem) return setError(problem);
    setSent(true);
  };

  if (sent)
    return (
      <StatusMessage>
        If an account uses {email.trim()}, a link to choose a new password is on its way. It works once, for an hour.
      </StatusMessage>
    );
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id="forgot-email"
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={error}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Send me a reset link'}
      </button>
    </form>
  );
}
