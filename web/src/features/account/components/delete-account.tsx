import { useState } from 'react';
import { TextField } from '../../../components/text-field';
import { authClient } from '../../../lib/auth-client';

/** Deletes the account and its tasks after the password confirms it; every session ends. */
export function DeleteAccount({ onDeleted }: { onDeleted: () => void | Promise<void> }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!password) return setError('Enter your password to confirm.');
    setBusy(true);
    const { error: failure } = await authClient.deleteUser({ password });
    setBusy(false);
    if (failure)
      return setError(failure.status === 400 ? 'The password is not right.' : 'Could not delete the account.');
    await onDeleted();
  };

  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>This deletes your account and every task at once. It cannot be undone.</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="delete-password"
          label="Password to confirm deletion"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={error}
        />
        <button type="submit" className="danger" disabled={busy}>
          {busy ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </section>
  );
}
