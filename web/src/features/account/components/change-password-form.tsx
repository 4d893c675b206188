import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../../lib/validation';
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
    const problem = passwordProblem(newPassword);
    if (problem) return setError(`New password: ${problem}`);
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
        <TextField
          id="current-password"
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrent}
        />
        <TextField
          id="new-password"
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNew}
          hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. Other sessions are signed out.`}
        />
        <StatusMessage kind="alert">{error}</StatusMessage>
        <StatusMessage>{done}</StatusMessage>
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}
