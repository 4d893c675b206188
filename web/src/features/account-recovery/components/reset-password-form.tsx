import { useState } from 'react';
import { TextField } from '../../../components/text-field';
import { authClient } from '../../../lib/auth-client';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../../lib/validation';
import { attemptAuth } from '../../auth/auth-errors';

/** Sets the new password with the token from the mailed link; every session ends. */
export function ResetPasswordForm({ token, onReset }: { token: string; onReset: () => void | Promise<void> }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const tooShortOrLong = passwordProblem(password);
    if (tooShortOrLong) return setError(tooShortOrLong);
    setBusy(true);
    const problem = await attemptAuth('reset', (options) =>
      authClient.resetPassword({ newPassword: password, token }, options),
    );
    setBusy(false);
    if (problem) return setError(problem);
    await onReset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextField
        id="reset-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. You will be signed out everywhere.`}
        error={error}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
