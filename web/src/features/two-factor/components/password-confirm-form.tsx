import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { TextField } from '../../../components/text-field';

interface PasswordConfirmFormProps {
  id: string;
  /** What the password confirms, said above the field. */
  explanation: string;
  submitLabel: string;
  /** Resolves to the sentence to show when refused, or undefined when done. */
  onConfirm: (password: string) => Promise<string | undefined>;
  onCancel?: () => void;
}

/** Every change to two-factor sign-in asks for the password again: a left-open session is not enough. */
export function PasswordConfirmForm({ id, explanation, submitLabel, onConfirm, onCancel }: PasswordConfirmFormProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (password.length === 0) return setError('Enter your password.');
    setError(undefined);
    setBusy(true);
    const problem = await onConfirm(password);
    setBusy(false);
    if (problem) setFailure(problem);
  };

  return (
    <form onSubmit={submit} noValidate>
      <p>{explanation}</p>
      <TextField
        id={`${id}-password`}
        label="Your password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={error}
      />
      <StatusMessage kind="alert">{failure}</StatusMessage>
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>{' '}
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
