import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { authClient } from '../../../lib/auth-client';

export function ChangePasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if ([...newPassword].length < 8 || [...newPassword].length > 128)
      return setError('Use 8 to 128 characters for the new password.');
    const { error: failure } = await authClient.changePassword({
      currentPassword,
      newPassword,
      revokeOtherSessions: true,
    });
    if (failure)
      return setError(
        failure.status === 400 || failure.status === 401
          ? 'The current password is not right.'
          : 'Could not change the password.',
      );
    setCurrent('');
    setNew('');
    setDone('Password changed. Your other sessions were signed out.');
  };

  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Change password</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNew(e.target.value)}
            aria-describedby="new-password-hint"
          />
          <p id="new-password-hint" className="hint">
            8 to 128 characters. Other sessions are signed out.
          </p>
        </div>
        <StatusMessage kind="alert">{error}</StatusMessage>
        <StatusMessage>{done}</StatusMessage>
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}
