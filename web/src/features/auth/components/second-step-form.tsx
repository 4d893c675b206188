import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';
import { authClient } from '../../../lib/auth-client';
import { attemptAuth } from '../auth-errors';
import type { SignedIn } from '../signed-in';

const TOTP_CODE = /^[0-9]{6}$/;
const BACKUP_CODE = /^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/;

/**
 * The sign-in's second step, after the password answered "second factor required": a code from
 * the authenticator app, or one of the backup codes (the way back in after losing the device).
 * The browser holds Better Auth's signed two_factor cookie; the server finishes the sign-in.
 */
export function SecondStepForm({ onSignedIn }: { onSignedIn: (result: SignedIn) => void | Promise<void> }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const entered = code.replace(/\s+/g, '');
    const backup = BACKUP_CODE.test(entered);
    if (!backup && !TOTP_CODE.test(entered)) {
      return setError('Enter the 6-digit code from your authenticator app, or a backup code like abcde-12345.');
    }
    setError(undefined);
    setBusy(true);
    let result: SignedIn = {};
    const problem = await attemptAuth('second-step', async (options) => {
      const answer = await authClient.$fetch(backup ? '/two-factor/verify-backup-code' : '/two-factor/verify-totp', {
        method: 'POST',
        body: { code: entered },
        ...options,
      });
      result = (answer.data ?? {}) as SignedIn;
      return answer;
    });
    setBusy(false);
    if (problem) return setFailure(problem);
    // During an OAuth authorization the answer names where it goes on, as the password step's would.
    await onSignedIn(result);
  };

  return (
    <form onSubmit={submit} noValidate aria-describedby={failure ? 'second-step-failure' : undefined}>
      <p>Two-factor sign-in is on for this account.</p>
      <TextField
        id="second-step-code"
        label="Code from your authenticator app"
        autoComplete="one-time-code"
        value={code}
        onChange={setCode}
        error={error}
        hint="Lost your device? Enter one of your backup codes instead."
      />
      <div id="second-step-failure">
        <StatusMessage kind="alert">{failure}</StatusMessage>
      </div>
      <button type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Verify'}
      </button>
    </form>
  );
}
